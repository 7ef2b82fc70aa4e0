#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (tests/fuzz/corpus/<target>/): a few small valid and
edge-case inputs each, made here (no outside data). Re-run after changing an input layout; the
crash reproducers that were added to a corpus by hand (named crash-*) are left alone."""
import gzip, json, os, sqlite3, struct, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = b"\n----\n"


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def parts(*ps):
    return SEP.join(p if isinstance(p, bytes) else p.encode() for p in ps)


# ---- fuzz_table_import: flag byte (format, gzip, tiny limits, strict, no interactions, items) ----
CSV = b'user_id,item_id,rating,text,time\nu1,i1,5,"great, strong coffee",1600000000\nu2,i1,3.5,"two\nlines ""quoted""",2020-01-02T03:04:05Z\nu1,i2,x,bad rating,\n'
TSV = b"userId\tmovieId\trating\ttimestamp\n1\t10\t4.0\t964982703\n1\t20\t5\t964981247\n2\t10\t1\t-5\n"
JSONL = (b'{"reviewerID":"A1","asin":"B01","overall":5.0,"summary":"Nice","reviewText":"Works well","unixReviewTime":1400000000}\n'
         b'{"reviewerID":"A2","asin":"B01","overall":2,"summary":"Meh.","reviewText":"","style":{"Size:":"L"}}\n'
         b'not json\n{"reviewerID":"A1","asin":"B02","overall":"4"}\n')
ITEMS = b"movieId,title,genres\n10,Heat (1995),Action|Crime\n20,\"Toy Story, the\",Animation\n"
put("fuzz_table_import", "csv", b"\x00" + CSV)
put("fuzz_table_import", "csv_items", b"\x41" + parts(CSV, ITEMS))
put("fuzz_table_import", "tsv", b"\x02" + TSV)
put("fuzz_table_import", "jsonl", b"\x03" + JSONL)
put("fuzz_table_import", "jsonl_gzip", b"\x04" + JSONL)
put("fuzz_table_import", "csv_map_strict", b"\x11" + parts(b"a;b;c\nx,y,z,1\n\xef\xbb\xbfq,\"w\",3\n", b"", b"user=a,item=b,rating=c", b""))
put("fuzz_table_import", "tiny_limits", b"\x08" + b"user,item,text\n" + b"u,i," + b"x" * 100 + b"\n" + b"a,b,c,d,e,f,g,h,i,j\n")
put("fuzz_table_import", "items_only", b"\x60" + parts(b"", ITEMS, b"", b"id=movieId,title=title,tags=genres"))
put("fuzz_table_import", "bad_quote_crlf", b"\x01" + b"user,item\r\nu1,\"i1\r\nu2,i2\r\n\x00\xff\r\n")
put("fuzz_table_import", "raw_gzip_truncated", b"\x00" + gzip.compress(CSV)[:-9])

# ---- fuzz_safetensors ----
def safetensors(tensors, meta=None, pad=b""):
    header, data = {}, b""
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if meta is not None:
        header["__metadata__"] = meta
    h = json.dumps(header).encode() + pad
    return struct.pack("<Q", len(h)) + h + data

put("fuzz_safetensors", "f32", safetensors({"w": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4))}, {"format": "pt"}))
put("fuzz_safetensors", "mixed", safetensors({"a": ("F16", [3], b"\x00\x3c\x00\xc0\x01\x00"), "b": ("BF16", [1], b"\x80\x3f"),
                                             "c": ("F64", [1], struct.pack("<d", 0.5)), "d": ("I64", [1, 1], struct.pack("<q", 7)),
                                             "e": ("BOOL", [0], b""), "f": ("U8", [], b"\x05")}, pad=b"   "))
put("fuzz_safetensors", "empty", safetensors({}))
overlap = b'{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}'
put("fuzz_safetensors", "overlap", struct.pack("<Q", len(overlap)) + overlap + b"\x00" * 8)
huge = b'{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}'
put("fuzz_safetensors", "huge_shape", struct.pack("<Q", len(huge)) + huge)
put("fuzz_safetensors", "short", b"\xff\xff\xff\xff\x00\x00\x00\x00{")

# ---- fuzz_wordpiece: flags (vocab.txt, tokenizer.json, tokenizer_config.json), max length ----
VOCAB = "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "un", "##aff", "##able", "a", "##b", "中", "é", ",", "##s"]) + "\n"
TOKJSON = json.dumps({"normalizer": {"type": "BertNormalizer", "lowercase": True, "strip_accents": None,
                                     "handle_chinese_chars": True, "clean_text": True},
                      "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                                "max_input_chars_per_word": 100,
                                "vocab": {t: i for i, t in enumerate(VOCAB.split("\n")[:-1])}}})
CFG = json.dumps({"do_lower_case": False, "tokenize_chinese_chars": True, "strip_accents": False})
TEXT = "The unaffable [SEP] Ab,中文 Café\u00e9 \u0301x \x00 [MASK]s " + "a" * 120
put("fuzz_wordpiece", "vocab_txt", b"\x01\x08" + parts(VOCAB, "", "", TEXT))
put("fuzz_wordpiece", "tokenizer_json", b"\x02\x00" + parts("", TOKJSON, "", TEXT))
put("fuzz_wordpiece", "all_three", b"\x07\x05" + parts(VOCAB.replace("\n", "\r\n"), TOKJSON, CFG, TEXT))
put("fuzz_wordpiece", "bad_utf8", b"\x01\x02" + parts(b"[PAD]\n[UNK]\n[CLS]\n[SEP]\n\xff\xfe\n", b"", b"", b"\xe4\xb8"))
put("fuzz_wordpiece", "sparse_ids", b"\x02\x03" + parts("", '{"model":{"vocab":{"[PAD]":0,"[UNK]":1,"[CLS]":2,"[SEP]":3,"x":1000}}}', "", "x y"))

# ---- fuzz_hf_config: flags (config, modules, 1_Pooling/config, sentence_bert_config, tokenizer_config) ----
CONFIG = json.dumps({"model_type": "bert", "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
                     "num_attention_heads": 12, "intermediate_size": 1536, "max_position_embeddings": 512,
                     "type_vocab_size": 2, "hidden_act": "gelu", "layer_norm_eps": 1e-12, "pad_token_id": 0,
                     "position_embedding_type": "absolute"})
MODULES = json.dumps([{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                      {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                      {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
POOL = json.dumps({"word_embedding_dimension": 384, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True})
put("fuzz_hf_config", "minilm", b"\x1f" + parts(CONFIG, MODULES, POOL, '{"max_seq_length": 256, "do_lower_case": false}', '{"model_max_length": 512}'))
put("fuzz_hf_config", "config_only", b"\x01" + parts(CONFIG))
put("fuzz_hf_config", "absurd", b"\x13" + parts(CONFIG.replace("6,", "1000000000,"), MODULES.replace('"1_Pooling"', '"../x"'), "", '{"max_seq_length": 1e300}', ""))
put("fuzz_hf_config", "wrong_types", b"\x17" + parts('{"vocab_size":"12","hidden_size":1.5,"model_type":["bert"]}', '{"not":"an array"}', '[1,2]', "", '{"model_max_length":-1}'))

# ---- fuzz_tfjs_manifest: model.json, group1-shard1of2, group1-shard2of2, group2-shard1of1 ----
def manifest(groups):
    return json.dumps({"format": "graph-model", "weightsManifest": groups}).encode()

g1 = {"paths": ["group1-shard1of2", "group1-shard2of2"],
      "weights": [{"name": "w", "shape": [2, 2], "dtype": "float32"}, {"name": "i", "shape": [2], "dtype": "int32"}]}
g2 = {"paths": ["group2-shard1of1"],
      "weights": [{"name": "q8", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
                  {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}},
                  {"name": "q16", "shape": [1], "dtype": "int32", "quantization": {"dtype": "uint16", "scale": 2, "min": 0}},
                  {"name": "b", "shape": [], "dtype": "bool"}]}
w = struct.pack("<4f", 1, 2, 3, 4) + struct.pack("<2i", 5, -6)
s2 = bytes([0, 1, 255]) + b"\x00\x3c\x00\x7c" + struct.pack("<H", 7) + b"\x01"
put("fuzz_tfjs_manifest", "two_groups", parts(manifest([g1, g2]), w[:12], w[12:], s2))
put("fuzz_tfjs_manifest", "short_shard", parts(manifest([g1]), w[:12], w[12:20]))
put("fuzz_tfjs_manifest", "bad", parts(b'{"weightsManifest":[{"paths":["group1-shard1of2","../group1-shard1of2"],"weights":[{"name":"x","shape":[1e12,1e12],"dtype":"string"}]}]}', b"", b"", b""))

# ---- fuzz_word_vectors: flags (layout 0 txt, 1 bin, 2 words.txt + matrix.bin, 3 folder .vec; maxWords) ----
GLOVE = b"the 0.1 0.2 -0.3\na 1e-3 2 3\n, 0 0 0\nthe 9 9 9\n"
W2V_TEXT = b"2 3\nthe 0.1 0.2 0.3\r\nb 1 2 3\r\n"
W2V_BIN = b"2 2\nthe " + struct.pack("<2f", 0.5, -1) + b"\na " + struct.pack("<2f", 1, 2)
put("fuzz_word_vectors", "glove", b"\x00" + GLOVE)
put("fuzz_word_vectors", "w2v_text_max1", b"\x04" + W2V_TEXT)
put("fuzz_word_vectors", "w2v_bin", b"\x01" + W2V_BIN)
put("fuzz_word_vectors", "w2v_bin_in_txt", b"\x00" + W2V_BIN[:-3])
put("fuzz_word_vectors", "words_matrix", b"\x02" + parts(b"the\na\r\n", struct.pack("<4f", 1, 2, 3, 4)))
put("fuzz_word_vectors", "folder_vec", b"\x0f" + b"x 1\ny nan\nz inf\n")
put("fuzz_word_vectors", "bad", b"\x00" + b"1000000 300\nthe 1 2\n")

# ---- fuzz_project: even first byte = raw .ilens bytes; odd = edit program for a built-in project ----
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE items(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',
  price REAL, in_catalog INTEGER NOT NULL DEFAULT 1);
CREATE TABLE interactions(user_id INTEGER NOT NULL, item_id INTEGER NOT NULL, rating REAL, time INTEGER,
  PRIMARY KEY(user_id, item_id)) WITHOUT ROWID;
CREATE TABLE texts(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, item_id INTEGER NOT NULL, text TEXT NOT NULL,
  time INTEGER, hash BLOB NOT NULL, lang TEXT, UNIQUE(user_id, item_id, hash));
CREATE TABLE imports(id INTEGER PRIMARY KEY, time INTEGER NOT NULL, files TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE encoders(id TEXT PRIMARY KEY, kind TEXT NOT NULL, settings TEXT NOT NULL, dim INTEGER NOT NULL, created INTEGER NOT NULL);
CREATE TABLE vectors(encoder_id TEXT NOT NULL, hash BLOB NOT NULL, vec BLOB NOT NULL, PRIMARY KEY(encoder_id, hash)) WITHOUT ROWID;
CREATE TABLE feedback(user_id INTEGER NOT NULL, item_id INTEGER NOT NULL, value INTEGER NOT NULL, time INTEGER NOT NULL,
  PRIMARY KEY(user_id, item_id)) WITHOUT ROWID;
CREATE TABLE runs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, params TEXT NOT NULL, result TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE item_texts(item_id INTEGER PRIMARY KEY, text TEXT NOT NULL, hash BLOB NOT NULL);
INSERT INTO meta VALUES('created_by', 'InterestLens');
INSERT INTO users(ext_id) VALUES('u1'), ('u2');
INSERT INTO items(ext_id, title) VALUES('i1', 'Coffee'), ('i2', 'Tea');
INSERT INTO interactions VALUES(1, 1, 5, 1600000000), (2, 2, NULL, NULL);
INSERT INTO texts(user_id, item_id, text, time, hash) VALUES(1, 1, 'great coffee', 1600000000, x'00112233445566778899aabbccddeeff00112233');
INSERT INTO encoders VALUES('enc', 'tfidf', '{}', 0, 1);
INSERT INTO vectors VALUES('enc', x'00112233445566778899aabbccddeeff00112233', x'');
INSERT INTO feedback VALUES(1, 2, 1, 1);
INSERT INTO runs(kind, params, result, created) VALUES('evaluate', '{}', '{"recall": 0.5}', 1);
PRAGMA user_version = 2;
"""
with tempfile.TemporaryDirectory() as t:
    p = os.path.join(t, "p.ilens")
    db = sqlite3.connect(p)
    db.execute("PRAGMA page_size = 512")
    db.executescript(SCHEMA)
    db.commit()
    db.execute("VACUUM")
    db.close()
    raw = open(p, "rb").read()
put("fuzz_project", "raw_project", b"\x00" + raw)
put("fuzz_project", "raw_not_sqlite", b"\x00SQLite format 3\x00" + b"\x02\x00" + b"\x01" * 80)
put("fuzz_project", "raw_empty", b"\x00")
# Edit programs (bytes read by FuzzedDataProvider: integral ranges consume from the end).
put("fuzz_project", "edit_small", b"\x01" + bytes(range(0, 64)))
put("fuzz_project", "edit_large", b"\x01" + bytes((i * 37) & 255 for i in range(400)))
