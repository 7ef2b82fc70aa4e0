#include "import_cleaning.h"

#include <algorithm>
#include <chrono>
#include <atomic>
#include <cstdio>
#include <thread>

#include "../interest/parallel.h"
#include "language.h"

namespace il {

namespace {

constexpr size_t kExamples = 5;

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Examples in reports stay readable: long texts are cut (at a character boundary).
std::string shortened(const std::string& s, size_t max = 160) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string quoted(const std::string& s) { return "\"" + shortened(s) + "\""; }

}  // namespace

void cleanImport(ImportResult& r, const CleaningSettings& s, const JobControl* job) {
  CleaningReport& rep = r.cleaning;
  rep = CleaningReport{};
  rep.applied = true;
  rep.settings = s;
  const auto t0 = std::chrono::steady_clock::now();
  auto& texts = r.data.texts;
  const int64_t n = static_cast<int64_t>(texts.size());
  if (job) job->report({0, n, "Cleaning texts"});
  // Cleaned in place (a changed text keeps its original in .raw), so no second copy
  // of every text is held; only the change bits are kept for the report.
  std::vector<uint32_t> changes(n, 0);
  std::vector<uint8_t> changed(n, 0);
  std::atomic<bool> stop{false};
  parallelFor(n, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), 2000,
              [&](int64_t b, int64_t e) {
                for (int64_t i = b; i < e && !stop; ++i) {
                  TextRow& t = texts[i];
                  CleanedText c = cleanText(t.text, s);
                  t.flags = c.flags;
                  changes[i] = c.changes;
                  if (c.text != t.text) {
                    changed[i] = 1;
                    t.raw = std::move(t.text);
                    t.text = std::move(c.text);
                  }
                  if ((i & 4095) == 0 && job && job->cancelled()) stop = true;
                }
              });
  if (stop) throw Cancelled{};
  static const std::pair<uint32_t, const char*> kSteps[] = {
      {kChangedEntities, "entities"}, {kChangedTags, "tags"},       {kChangedUrls, "urls"},
      {kChangedEmails, "emails"},     {kChangedNumbers, "numbers"}, {kChangedControl, "control"},
      {kChangedWhitespace, "whitespace"}, {kChangedInvalidUtf8, "invalid UTF-8"}};
  uint32_t exampled = 0;  // steps that have an example already
  for (int64_t i = 0; i < n; ++i) {
    TextRow& t = texts[i];
    if (changed[i]) {
      ++rep.changed;
      for (const auto& [bit, name] : kSteps)
        if (changes[i] & bit) ++rep.changes[name];
      // An example per step, but only changes worth showing (not just white space).
      const uint32_t interesting = changes[i] & ~kChangedWhitespace & ~exampled;
      if (interesting && rep.examples.size() < kExamples) {
        rep.examples.push_back({t.user, t.item, t.raw, t.text, changeNames(changes[i])});
        exampled |= changes[i];
      }
    }
    if (t.text.empty()) continue;  // dropped below, not counted as flagged
    if (t.flags & kFlagShort) ++rep.shortTexts;
    if (t.flags & kFlagRepeated) ++rep.repeatedTexts;
    if ((t.flags & (kFlagShort | kFlagRepeated)) && rep.flagged.size() < kExamples &&
        std::none_of(rep.flagged.begin(), rep.flagged.end(), [&](const CleaningExample& x) { return x.after == t.text; }))
      rep.flagged.push_back({t.user, t.item, t.raw.empty() ? t.text : t.raw, t.text, flagNames(t.flags)});
  }
  // A text that was only markup or invisible characters is no text.
  const auto emptied = std::remove_if(texts.begin(), texts.end(), [](const TextRow& t) { return t.text.empty(); });
  rep.emptied = texts.end() - emptied;
  texts.erase(emptied, texts.end());
  rep.texts = static_cast<int64_t>(texts.size());

  // Catalog fields get the same cleaning (Amazon titles carry &quot; and &amp;).
  for (ItemRow& it : r.data.items) {
    for (std::string* f : {&it.title, &it.description, &it.tags, &it.category}) {
      if (f->empty()) continue;
      std::string c = cleanText(*f, s).text;
      if (c != *f) {
        ++rep.itemFieldsChanged;
        *f = std::move(c);
      }
    }
  }
  rep.cleanSeconds = secondsSince(t0);

  if (s.language && !texts.empty()) {
    const auto t1 = std::chrono::steady_clock::now();
    if (job) job->report({0, rep.texts, "Detecting languages"});
    std::vector<std::string_view> all;
    all.reserve(texts.size());
    for (const auto& t : texts) all.push_back(t.text);
    std::vector<std::string> langs = detectLanguages(std::span<const std::string_view>(all), s.languageMinUnits, 0, job);
    for (size_t i = 0; i < texts.size(); ++i) {
      ++rep.languages[langs[i]];
      texts[i].lang = std::move(langs[i]);
    }
    rep.languageSeconds = secondsSince(t1);
  }
}

std::string CleaningReport::summary() const {
  std::string s = "Cleaning: " + settings.describe() + "\n";
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %lld of %lld texts changed", static_cast<long long>(changed),
                static_cast<long long>(texts + emptied));
  s += buf;
  if (!changes.empty()) {
    s += " (";
    bool first = true;
    for (const auto& [step, count] : changes) {
      s += (first ? "" : ", ") + step + " " + std::to_string(count);
      first = false;
    }
    s += ")";
  }
  s += "\n";
  if (emptied) s += "  " + std::to_string(emptied) + " texts were empty after cleaning and were dropped\n";
  if (itemFieldsChanged) s += "  " + std::to_string(itemFieldsChanged) + " catalog fields changed\n";
  for (const auto& e : examples)
    s += "  e.g. [" + e.what + "] " + quoted(e.before) + "\n       -> " + quoted(e.after) + "\n";
  if (settings.flags) {
    s += "  flagged: " + std::to_string(shortTexts) + " short, " + std::to_string(repeatedTexts) +
         " repeated-character texts\n";
    for (const auto& e : flagged) s += "  e.g. [" + e.what + "] " + quoted(e.after) + " (" + e.user + ")\n";
  }
  if (!languages.empty()) {
    std::vector<std::pair<std::string, int64_t>> byCount(languages.begin(), languages.end());
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    s += "  languages:";
    for (const auto& [code, count] : byCount) s += " " + code + "=" + std::to_string(count);
    std::snprintf(buf, sizeof buf, " (under %d letter units: unknown)\n", settings.languageMinUnits);
    s += buf;
  }
  return s;
}

std::string CleaningReport::duplicateSummary() const {
  if (!duplicatesChecked) return {};
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "Duplicates over the project's %lld texts: %lld exact, %lld near (Jaccard >= %.2f or equal after "
                "normalisation), in %lld groups\n",
                static_cast<long long>(projectTexts), static_cast<long long>(exactDuplicates),
                static_cast<long long>(nearDuplicates), settings.nearThreshold,
                static_cast<long long>(duplicateGroups));
  std::string s = buf;
  for (const auto& e : duplicateExamples) {
    std::snprintf(buf, sizeof buf, "%.2f", e.similarity);
    s += "  e.g. " + e.kind + (e.kind == "similar" ? std::string(" (") + buf + ")" : std::string()) + ": " +
         quoted(e.text) + " (" + e.user + ")\n       = " + quoted(e.first) + " (" + e.firstUser + ")\n";
  }
  return s;
}

}  // namespace il
