// WordPieceTokenizer against every golden case of the shared reference files (HF BertTokenizer
// semantics; divergence probes follow HF tokenizers / Rust), plus vocab parsing, errors,
// invalid UTF-8, long words and supplementary-plane ideographs.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <map>
#include <memory>
#include <thread>

#include "encoder.h"
#include "test_paths.h"
#include "wordpiece_tokenizer.h"

namespace {

const char* const kFolders[] = {
    "models/all-minilm-l6-v2-tokenizer",
    "models/tokenizers/bert-base-chinese",
    "models/tokenizers/bert-base-chinese-lowercase",
    "models/tokenizers/bert-base-multilingual-cased",
    "models/tokenizers/bert-base-cased",
};

const il::WordPieceTokenizer& tokenizerFor(const QString& folder) {
  static std::map<QString, std::unique_ptr<il::WordPieceTokenizer>> cache;
  auto& t = cache[folder];
  if (!t)
    t = std::make_unique<il::WordPieceTokenizer>(
        il::WordPieceTokenizer::fromDirectory(il::test::sharedPath(folder).toStdString()));
  return *t;
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

QList<int> toIntList(const QJsonValue& v) {
  QList<int> out;
  for (const QJsonValue& x : v.toArray()) out.push_back(x.toInt());
  return out;
}

QStringList toStringList(const QJsonValue& v) {
  QStringList out;
  for (const QJsonValue& x : v.toArray()) out.push_back(x.toString());
  return out;
}

QList<int> toIntList(const std::vector<int32_t>& v) { return QList<int>(v.begin(), v.end()); }

// Printable form of a text: non-ASCII and control characters as \uXXXX / \U00XXXXXX.
QString escaped(const QByteArray& utf8) {
  QString out;
  for (char32_t c : QString::fromUtf8(utf8).toUcs4()) {
    if (c >= 0x20 && c < 0x7F)
      out += QChar(static_cast<char16_t>(c));
    else if (c <= 0xFFFF)
      out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
    else
      out += QStringLiteral("\\U%1").arg(static_cast<uint>(c), 8, 16, QLatin1Char('0'));
  }
  return out;
}

QString idsText(const QList<int>& ids) {
  QStringList parts;
  for (int id : ids) parts << QString::number(id);
  return "[" + parts.join(", ") + "]";
}

// A byte string literal with embedded NULs / invalid UTF-8, without its terminating NUL.
template <size_t N>
std::string bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

il::WordPieceTokenizer smallTokenizer(il::TokenizerFlags flags = {}) {
  std::vector<std::string> v = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a",  "##a", "b",
                                "##b",   "lift",  "好",    "𨋢",    "𠝹",     "c",  "##c", "abc",
                                ",",     "é",     "e",     "##e",   "ı",    "##é"};
  return il::WordPieceTokenizer(std::move(v), flags);
}

void writeFile(const QString& path, const QByteArray& data) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QCOMPARE(f.write(data), data.size());
}

}  // namespace

class WordPieceTokenizerTest : public QObject {
  Q_OBJECT

 private slots:
  // ---- golden cases ---------------------------------------------------------------------------
  void goldens_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QStringList>("tokens");  // empty = not recorded for this case

    for (const char* folderC : kFolders) {
      const QString folder = QString::fromLatin1(folderC);
      const QString shortName = folder.section('/', -1);
      const QJsonObject ref = readJson(il::test::sharedPath(folder + "/reference.json"));
      if (ref.isEmpty()) {  // skipped in the test function
        QTest::newRow(qPrintable(shortName + "/missing"))
            << folder << QByteArray() << 0 << QList<int>() << QStringList();
        continue;
      }
      int n = 0;
      for (const QJsonValue& sv : ref.value("sentences").toArray()) {
        const QJsonObject s = sv.toObject();
        const QString id = s.contains("id") ? s["id"].toString() : QString::number(n);
        ++n;
        const QByteArray text = s["text"].toString().toUtf8();
        QTest::newRow(qPrintable(shortName + "/sentence/" + id + "/untruncated"))
            << folder << text << 0 << toIntList(s["input_ids_untruncated"])
            << toStringList(s["tokens"]);
        // Every stored truncation: input_ids_max16, input_ids_max128, input_ids_max256 ...
        for (const QString& key : s.keys()) {
          if (!key.startsWith("input_ids_max")) continue;
          const int maxLen = key.mid(int(strlen("input_ids_max"))).toInt();
          QVERIFY2(maxLen > 0, qPrintable("unexpected key " + key));
          QTest::newRow(qPrintable(shortName + "/sentence/" + id + "/max" + QString::number(maxLen)))
              << folder << text << maxLen << toIntList(s[key]) << QStringList();
        }
      }
      for (const QJsonValue& tv : ref.value("truncated_max16").toArray()) {
        const QJsonObject t = tv.toObject();
        QTest::newRow(qPrintable(shortName + "/truncated/" + t["id"].toString()))
            << folder << t["text"].toString().toUtf8() << t["max_length"].toInt()
            << toIntList(t["input_ids"]) << toStringList(t["tokens"]);
      }
      // Divergence probes: we follow HF tokenizers (Rust).
      for (const QJsonValue& pv : ref.value("divergence_probes").toArray()) {
        const QJsonObject p = pv.toObject();
        const QJsonObject rust = p["hf_tokenizers_rust"].toObject();
        QTest::newRow(qPrintable(shortName + "/probe/" + p["id"].toString()))
            << folder << p["text"].toString().toUtf8() << 0 << toIntList(rust["input_ids"])
            << toStringList(rust["tokens"]);
      }
      int e = 0;
      for (const QJsonValue& cv : ref.value("external_published_checks").toObject()["cases"].toArray()) {
        const QJsonObject c = cv.toObject();
        QTest::newRow(qPrintable(shortName + "/external/" + QString::number(e++)))
            << folder << c["text"].toString().toUtf8() << 0 << toIntList(c["published_input_ids"])
            << QStringList();
      }
    }
  }

  void goldens() {
    QFETCH(QString, folder);
    QFETCH(QByteArray, text);
    QFETCH(int, maxLength);
    QFETCH(QList<int>, expected);
    QFETCH(QStringList, tokens);
    IL_REQUIRE_SHARED(folder + "/reference.json");
    const il::WordPieceTokenizer& tok = tokenizerFor(folder);
    const std::string input(text.constData(), static_cast<size_t>(text.size()));
    const QList<int> got = toIntList(tok.encode(input, maxLength).ids);
    QStringList gotTokens;
    if (!tokens.isEmpty())
      for (int id : got) gotTokens << QString::fromStdString(tok.idToToken(id));
    if (got != expected || gotTokens != tokens) {
      QString msg = QStringLiteral("\n  text:     \"%1\"\n  maxLength: %2\n  expected: %3\n  got:      %4")
                        .arg(escaped(text))
                        .arg(maxLength)
                        .arg(idsText(expected), idsText(got));
      if (!tokens.isEmpty())
        msg += QStringLiteral("\n  expected tokens: %1\n  got tokens:      %2")
                   .arg(escaped(tokens.join(" | ").toUtf8()), escaped(gotTokens.join(" | ").toUtf8()));
      QFAIL(qPrintable(msg));
    }
    if (maxLength == 0) {
      // tokenize() gives the same pieces, tokenCount() the same length.
      QCOMPARE(int(tok.tokenCount(input)), int(expected.size()));
      if (!tokens.isEmpty()) {
        QStringList pieces;
        for (const auto& t : tok.tokenize(input)) pieces << QString::fromStdString(t);
        QCOMPARE(pieces, tokens.mid(1, tokens.size() - 2));
      }
    }
  }

  void flagsFromConfigFiles() {
    for (const char* folderC : kFolders) {
      const QString folder = QString::fromLatin1(folderC);
      IL_REQUIRE_SHARED(folder + "/reference.json");
      const QJsonObject t = readJson(il::test::sharedPath(folder + "/reference.json"))["tokenizer"].toObject();
      const il::TokenizerFlags& f = tokenizerFor(folder).flags();
      QCOMPARE(f.lowercase, t["do_lower_case"].toBool());
      const bool stripExpected = t.contains("strip_accents_effective")
                                     ? t["strip_accents_effective"].toBool()
                                     : t["strip_accents"].toBool();
      QCOMPARE(f.stripsAccents(), stripExpected);
      QCOMPARE(f.tokenizeChineseChars, t["tokenize_chinese_chars"].toBool());
      QCOMPARE(f.cleanText, true);
      QCOMPARE(f.maxInputCharsPerWord, 100);
      const il::WordPieceTokenizer& tok = tokenizerFor(folder);
      QCOMPARE(tok.padId(), 0);
      QCOMPARE(tok.unkId(), 100);
      QCOMPARE(tok.clsId(), 101);
      QCOMPARE(tok.sepId(), 102);
      QCOMPARE(tok.idToToken(103), std::string("[MASK]"));
    }
  }

  // The U+2028 tokens of bert-base-chinese keep their line ids (vocab split on '\n' only).
  void chineseVocabKeepsLineSeparatorTokens() {
    IL_REQUIRE_SHARED("models/tokenizers/bert-base-chinese/vocab.txt");
    const auto& tok = tokenizerFor("models/tokenizers/bert-base-chinese");
    QCOMPARE(tok.vocabSize(), size_t{21128});
    QCOMPARE(tok.tokenToId("\u2028"), 343);
    QCOMPARE(tok.tokenToId("##\u2028"), 13502);
  }

  // Vocabulary from tokenizer.json when vocab.txt is absent: same ids.
  void vocabFromTokenizerJson() {
    IL_REQUIRE_SHARED("models/all-minilm-l6-v2-tokenizer/tokenizer.json");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString src = il::test::sharedPath("models/all-minilm-l6-v2-tokenizer/");
    QVERIFY(QFile::copy(src + "tokenizer.json", dir.filePath("tokenizer.json")));
    const auto fromJson = il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
    const auto& fromTxt = tokenizerFor("models/all-minilm-l6-v2-tokenizer");
    QCOMPARE(fromJson.vocabSize(), fromTxt.vocabSize());
    QCOMPARE(fromJson.flags().lowercase, true);
    QCOMPARE(fromJson.flags().stripsAccents(), true);
    for (int32_t id = 0; id < int32_t(fromTxt.vocabSize()); id += 97)
      QCOMPARE(fromJson.idToToken(id), fromTxt.idToToken(id));
    const std::string s = "Café crème brûlée, 商品 レビュー — ¿Qué? unaffable";
    QCOMPARE(fromJson.encode(s).ids, fromTxt.encode(s).ids);
  }

  // tokenizer_config.json wins over tokenizer.json's normalizer (as BertTokenizerFast does);
  // without it the normalizer's flags are used.
  void flagPrecedence() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nabc\n");
    writeFile(dir.filePath("tokenizer.json"),
              R"({"normalizer":{"type":"BertNormalizer","clean_text":false,"handle_chinese_chars":false,)"
              R"("strip_accents":true,"lowercase":false},"model":{"type":"WordPiece","vocab":{},)"
              R"("max_input_chars_per_word":7,"continuing_subword_prefix":"##"}})");
    auto t = il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
    QCOMPARE(t.flags().lowercase, false);
    QCOMPARE(t.flags().stripAccents, 1);
    QCOMPARE(t.flags().tokenizeChineseChars, false);
    QCOMPARE(t.flags().cleanText, false);
    QCOMPARE(t.flags().maxInputCharsPerWord, 7);
    QCOMPARE(t.vocabSize(), size_t{5});  // vocab.txt preferred over tokenizer.json
    writeFile(dir.filePath("tokenizer_config.json"),
              R"({"do_lower_case": true, "strip_accents": null, "tokenize_chinese_chars": true})");
    t = il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
    QCOMPARE(t.flags().lowercase, true);
    QCOMPARE(t.flags().stripAccents, -1);
    QCOMPARE(t.flags().tokenizeChineseChars, true);
    QCOMPARE(t.flags().cleanText, false);
    QCOMPARE(t.encode("ABC").ids, (std::vector<int32_t>{2, 4, 3}));
  }

  // ---- vocabulary parsing and errors ----------------------------------------------------------
  void vocabSplitsOnNewlineOnly() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // '\r' inside a line, U+2028, U+2029, VT/FF, NEL, leading/trailing spaces, CRLF line ends.
    const QByteArray vocab =
        "[PAD]\n[UNK]\r\n[CLS]\n[SEP]\n[MASK]\n"
        "foo\rbar\n"          // 5
        "\xE2\x80\xA8\n"      // 6  U+2028
        "\xE2\x80\xA9\n"      // 7  U+2029
        "\x0B\x0C\n"          // 8  VT FF
        "\xC2\x85\n"          // 9  NEL
        "  spaced \n"         // 10
        "hello\r\n"           // 11 (CR stripped)
        "world\n"             // 12
        "##s\n"               // 13
        "\n"                  // 14 (empty token)
        "last";               // 15 (no final newline)
    writeFile(dir.filePath("vocab.txt"), vocab);
    const auto t = il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
    QCOMPARE(t.vocabSize(), size_t{16});
    QCOMPARE(t.unkId(), 1);
    QCOMPARE(t.tokenToId("foo\rbar"), 5);
    QCOMPARE(t.tokenToId("\u2028"), 6);
    QCOMPARE(t.tokenToId("\u2029"), 7);
    QCOMPARE(t.tokenToId("\x0B\x0C"), 8);
    QCOMPARE(t.tokenToId("\u0085"), 9);
    QCOMPARE(t.tokenToId("  spaced "), 10);
    QCOMPARE(t.tokenToId("hello"), 11);
    QCOMPARE(t.tokenToId("hello\r"), -1);
    QCOMPARE(t.tokenToId("world"), 12);
    QCOMPARE(t.tokenToId("##s"), 13);
    QCOMPARE(t.tokenToId("last"), 15);
    QCOMPARE(t.idToToken(14), std::string());
    QCOMPARE(t.encode("Hello WORLDS last").ids, (std::vector<int32_t>{2, 11, 12, 13, 15, 3}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.idToToken(16));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.idToToken(-1));
  }

  void duplicateTokenLaterIdWins() {
    const il::WordPieceTokenizer t({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "x", "x"}, {});
    QCOMPARE(t.tokenToId("x"), 5);
    QCOMPARE(t.encode("x").ids, (std::vector<int32_t>{2, 5, 3}));
  }

  void missingSpecialTokens() {
    try {
      il::WordPieceTokenizer({"[PAD]", "[UNK]", "hello"}, {});
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      const QString msg = e.what();
      QVERIFY2(msg.contains("[CLS]") && msg.contains("[SEP]") && !msg.contains("[UNK]"),
               qPrintable(msg));
    }
    // [MASK] is optional.
    il::WordPieceTokenizer ok({"[PAD]", "[UNK]", "[CLS]", "[SEP]"}, {});
    QCOMPARE(ok.encode("[MASK]").ids, (std::vector<int32_t>{2, 1, 1, 1, 3}));  // "[" "mask" "]"

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("vocab.txt"), "[PAD]\n[CLS]\n[SEP]\nhello\n");
    try {
      il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      const QString msg = e.what();
      QVERIFY2(msg.contains(dir.filePath("vocab.txt")) && msg.contains("[UNK]"), qPrintable(msg));
    }
  }

  void missingVocabFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    try {
      il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      QVERIFY2(QString(e.what()).contains(dir.filePath("vocab.txt")), e.what());
    }
    const QString nowhere = dir.filePath("does-not-exist");
    try {
      il::WordPieceTokenizer::fromDirectory(nowhere.toStdString());
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      QVERIFY2(QString(e.what()).contains(nowhere), e.what());
    }
  }

  void badFilesAreNamed() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n");
    writeFile(dir.filePath("tokenizer_config.json"), "{\"do_lower_case\": tru");
    try {
      il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      QVERIFY2(QString(e.what()).contains(dir.filePath("tokenizer_config.json")), e.what());
    }
    writeFile(dir.filePath("tokenizer_config.json"), "{\"do_lower_case\": \"yes\"}");
    QVERIFY_THROWS_EXCEPTION(il::EncoderError,
                             il::WordPieceTokenizer::fromDirectory(dir.path().toStdString()));
    QVERIFY(QFile::remove(dir.filePath("tokenizer_config.json")));
    writeFile(dir.filePath("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nbad\xFF\n");
    try {
      il::WordPieceTokenizer::fromDirectory(dir.path().toStdString());
      QFAIL("no exception");
    } catch (const il::EncoderError& e) {
      const QString msg = e.what();
      QVERIFY2(msg.contains(dir.filePath("vocab.txt")) && msg.contains("line 5"), e.what());
    }
    writeFile(dir.filePath("vocab.txt"), "");
    QVERIFY_THROWS_EXCEPTION(il::EncoderError,
                             il::WordPieceTokenizer::fromDirectory(dir.path().toStdString()));
  }

  // ---- behaviour on synthetic vocabularies ----------------------------------------------------
  void invalidUtf8() {
    const auto t = smallTokenizer();
    const std::vector<int32_t> ab = t.encode("ab").ids;  // a ##b
    // Invalid bytes decode to U+FFFD, which clean_text deletes (no space left behind).
    for (const std::string& s : {bytes("a\xFF" "b"), bytes("a\x80\x80" "b"),
                                 bytes("a\xC0\xAF" "b"), bytes("a\xED\xA0\x80" "b"),
                                 bytes("a\xF4\x90\x80\x80" "b"), bytes("a\xE4\xBD" "b"),
                                 bytes("a\xF0\x9F\x98" "b"), bytes("ab\xE4"),
                                 bytes("a\xF8\x88\x80\x80\x80" "b"), bytes("\xFE\xFF" "ab\xC3")})
      QCOMPARE(t.encode(s).ids, ab);
    QCOMPARE(t.encode(bytes("\xFF\xFE\xFD")).ids, (std::vector<int32_t>{2, 3}));
    // Without clean_text the replacement characters stay: one per maximal invalid subpart.
    il::TokenizerFlags raw;
    raw.cleanText = false;
    const auto words = il::basicTokenize(bytes("a\xE4\xBD" "b \xF0\x80\x80 \xED\xA0\x80"), raw);
    QCOMPARE(words.size(), size_t{3});
    QCOMPARE(words[0], std::string("a\uFFFDb"));
    QCOMPARE(words[1], std::string("\uFFFD\uFFFD\uFFFD"));
    QCOMPARE(words[2], std::string("\uFFFD\uFFFD\uFFFD"));
    QCOMPARE(smallTokenizer(raw).encode(bytes("a\xFF" "b")).ids, (std::vector<int32_t>{2, 1, 3}));
    // Embedded NUL is deleted, it does not end the text.
    QCOMPARE(t.encode(bytes("a\0b c")).ids, (std::vector<int32_t>{2, 5, 8, 13, 3}));
  }

  void longWords() {
    const auto t = smallTokenizer();
    const std::vector<int32_t> hundred = t.encode(std::string(100, 'a')).ids;
    QCOMPARE(hundred.size(), size_t{102});
    QCOMPARE(hundred[1], 5);
    QCOMPARE(hundred[100], 6);
    QCOMPARE(t.encode(std::string(101, 'a')).ids, (std::vector<int32_t>{2, 1, 3}));
    QCOMPARE(t.encode(std::string(100000, 'a') + " b").ids, (std::vector<int32_t>{2, 1, 7, 3}));
    // Counted in code points, not bytes: 100 x "é" (200 bytes) is still split.
    std::string e100;
    for (int i = 0; i < 100; ++i) e100 += "é";
    il::TokenizerFlags cased;
    cased.lowercase = false;
    const std::vector<int32_t> e = smallTokenizer(cased).encode(e100).ids;
    QCOMPARE(e.size(), size_t{2 + 100});
    QCOMPARE(e[1], 17);
    QCOMPARE(e[100], 21);
    QCOMPARE(smallTokenizer(cased).encode(e100 + "é").ids, (std::vector<int32_t>{2, 1, 3}));
  }

  void unmatchableWordIsOneUnk() {
    const auto t = smallTokenizer();
    QCOMPARE(t.encode("abcx, abc").ids, (std::vector<int32_t>{2, 1, 16, 15, 3}));
    QCOMPARE(t.tokenize("abcx, abc"), (std::vector<std::string>{"[UNK]", ",", "abc"}));
  }

  void supplementaryPlaneIdeographs() {
    const auto t = smallTokenizer();
    // U+282E2 (Ext B) and U+20779 (Ext B) are split off like BMP ideographs.
    QCOMPARE(t.tokenize("lift𨋢好"), (std::vector<std::string>{"lift", "𨋢", "好"}));
    QCOMPARE(t.tokenize("a𠝹b"), (std::vector<std::string>{"a", "𠝹", "b"}));
    // Not in the vocab: its own [UNK], the neighbours survive.
    QCOMPARE(t.tokenize("lift\U0002A6D6b"), (std::vector<std::string>{"lift", "[UNK]", "b"}));
    // Ext E: HF tokenizers (Rust) starts the range at U+2B920, so U+2B820 stays glued.
    QCOMPARE(t.tokenize("a\U0002B820b"), (std::vector<std::string>{"[UNK]"}));
    QCOMPARE(t.tokenize("a\U0002B920b"), (std::vector<std::string>{"a", "[UNK]", "b"}));
    // Hiragana / Hangul are not split per character.
    il::TokenizerFlags cased;
    cased.lowercase = false;
    QCOMPARE(il::basicTokenize("aひらがなb 한국어", cased), (std::vector<std::string>{"aひらがなb", "한국어"}));
    // Switched off: no CJK split.
    il::TokenizerFlags noCjk;
    noCjk.tokenizeChineseChars = false;
    QCOMPARE(il::basicTokenize("lift𨋢好", noCjk), (std::vector<std::string>{"lift𨋢好"}));
  }

  void lowercaseAndAccents() {
    // Lowercase + strip (default): NFD then drop Mn, then lowercase per code point.
    QCOMPARE(il::basicTokenize("Ça VA? ÉTÉ İstanbul ΟΔΟΣ", {}),
             (std::vector<std::string>{"ca", "va", "?", "ete", "istanbul", "οδοσ"}));
    // Lowercase without stripping: İ -> i + U+0307 (full mapping), accents kept.
    il::TokenizerFlags keep;
    keep.stripAccents = 0;
    QCOMPARE(il::basicTokenize("Éa İ", keep), (std::vector<std::string>{"éa", "i\u0307"}));
    // Cased: nothing changes, even decomposed input stays decomposed (no NFC, like Rust).
    il::TokenizerFlags cased;
    cased.lowercase = false;
    QCOMPARE(il::basicTokenize("Cafe\u0301 É", cased), (std::vector<std::string>{"Cafe\u0301", "É"}));
    // Strip without lowercase; Hangul syllables become conjoining jamo.
    il::TokenizerFlags stripOnly;
    stripOnly.lowercase = false;
    stripOnly.stripAccents = 1;
    QCOMPARE(il::basicTokenize("Café 한", stripOnly),
             (std::vector<std::string>{"Cafe", "\u1112\u1161\u11AB"}));
    // Canonical reordering before stripping keeps the base letters in order.
    QCOMPARE(il::basicTokenize("a\u0323\u0301b\u0301\u0323", {}), (std::vector<std::string>{"ab"}));
  }

  void cleanTextAndSeparators() {
    QCOMPARE(il::basicTokenize("Good\u200Bproduct\u00AD x\u2028y\u3000z\u00A0w\tv\r\nu\u0085t", {}),
             (std::vector<std::string>{"goodproduct", "x", "y", "z", "w", "v", "ut"}));
    // Symbols are not punctuation, ASCII symbols are.
    QCOMPARE(il::basicTokenize("¥5999 €24 a+b 👍🏽", {}),
             (std::vector<std::string>{"¥5999", "€24", "a", "+", "b", "👍🏽"}));
    // Unassigned code points (here U+1FAE8, Unicode 15 > Qt 6.4's 14) and private use.
    QCOMPARE(il::basicTokenize("a\U0001FAE8b c\uE000d", {}), (std::vector<std::string>{"a\U0001FAE8b", "cd"}));
    QCOMPARE(il::basicTokenize("", {}), std::vector<std::string>{});
    QCOMPARE(il::basicTokenize(" \t\n ", {}), std::vector<std::string>{});
  }

  void specialTokenStrings() {
    const auto t = smallTokenizer();
    QCOMPARE(t.encode("a[SEP]b [MASK][CLS]").ids, (std::vector<int32_t>{2, 5, 3, 7, 4, 2, 3}));
    QCOMPARE(t.encode("[sep]").ids, (std::vector<int32_t>{2, 1, 1, 1, 3}));  // case-sensitive
    QCOMPARE(t.encode("[SEP").ids, (std::vector<int32_t>{2, 1, 1, 3}));
    il::TokenizerFlags off;
    off.splitSpecialTokens = false;
    QCOMPARE(smallTokenizer(off).encode("a[SEP]").ids, (std::vector<int32_t>{2, 5, 1, 1, 1, 3}));
  }

  void truncation() {
    const auto t = smallTokenizer();
    const std::string s = "a b c a b c a b c";
    QCOMPARE(t.encode(s).ids.size(), size_t{11});
    QCOMPARE(t.encode(s, 5).ids, (std::vector<int32_t>{2, 5, 7, 13, 3}));
    QCOMPARE(t.encode(s, 11).ids, t.encode(s).ids);
    QCOMPARE(t.encode(s, 100).ids, t.encode(s).ids);
    QCOMPARE(t.encode(s, 2).ids, (std::vector<int32_t>{2, 3}));
    QCOMPARE(t.encode(s, 1).ids, (std::vector<int32_t>{2, 3}));
    // A word split across the limit is cut inside its pieces.
    QCOMPARE(t.encode("aaaa b", 4).ids, (std::vector<int32_t>{2, 5, 6, 3}));
    // Special token strings count like other tokens.
    QCOMPARE(t.encode("a [SEP] b", 4).ids, (std::vector<int32_t>{2, 5, 3, 3}));
    std::vector<int32_t> reused{42, 42};
    t.encodeInto("b", reused, 0);
    QCOMPARE(reused, (std::vector<int32_t>{2, 7, 3}));
  }

  void concurrentUse() {
    IL_REQUIRE_SHARED("models/tokenizers/bert-base-multilingual-cased/reference.json");
    const auto& tok = tokenizerFor("models/tokenizers/bert-base-multilingual-cased");
    const QJsonObject ref = readJson(
        il::test::sharedPath("models/tokenizers/bert-base-multilingual-cased/reference.json"));
    std::vector<std::string> texts;
    std::vector<std::vector<int32_t>> expected;
    for (const QJsonValue& v : ref["sentences"].toArray()) {
      texts.push_back(v.toObject()["text"].toString().toStdString());
      expected.push_back(tok.encode(texts.back()).ids);
    }
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k)
      threads.emplace_back([&] {
        for (int r = 0; r < 50; ++r)
          for (size_t i = 0; i < texts.size(); ++i)
            if (tok.encode(texts[i]).ids != expected[i]) ++bad;
      });
    for (auto& th : threads) th.join();
    QCOMPARE(bad.load(), 0);
  }
};

QTEST_GUILESS_MAIN(WordPieceTokenizerTest)
#include "wordpiece_tokenizer_test.moc"
