#!/usr/bin/python3
"""Writes jieba_reference.jsonl: each Chinese sentence with python3-jieba's own tokens.

Sentences: every distinct review text with Chinese characters in resources/demo/reviews.csv,
then jieba_sentences.txt (written by us). Tokens: jieba.lcut(text, HMM=False) with the
dictionary Debian's python3-jieba ships (the one ChineseSegmenter reads).

Run from anywhere with Debian's Python (python3-jieba is not on a pyenv path):
    /usr/bin/python3 tests/core/data/make_jieba_reference.py
"""
import csv
import json
import logging
import os
import re

import jieba

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
HAN = re.compile("[\u4e00-\u9fff]")


def sentences():
    seen = set()
    with open(os.path.join(ROOT, "resources", "demo", "reviews.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            t = row["text"]
            if HAN.search(t) and t not in seen:
                seen.add(t)
                yield "demo", t
    with open(os.path.join(HERE, "jieba_sentences.txt"), encoding="utf-8") as f:
        for line in f:
            t = line.rstrip("\n")
            if t and not t.startswith("#") and t not in seen:
                seen.add(t)
                yield "ours", t


def main():
    jieba.setLogLevel(logging.WARNING)
    out = os.path.join(HERE, "jieba_reference.jsonl")
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for source, text in sentences():
            tokens = jieba.lcut(text, HMM=False)
            f.write(json.dumps({"source": source, "text": text, "tokens": tokens}, ensure_ascii=False) + "\n")
            n += 1
    print("%d sentences, jieba %s, dictionary %s -> %s" % (n, jieba.__version__, jieba.get_dict_file().name, out))


if __name__ == "__main__":
    main()
