#include "import_options.h"

#include <map>

#include "text/text_cleaner.h"

namespace il::cli {

namespace {
FileFormat parseFormat(const std::string& s) {
  if (s.empty() || s == "auto") return FileFormat::Auto;
  if (s == "csv") return FileFormat::Csv;
  if (s == "tsv") return FileFormat::Tsv;
  if (s == "jsonl" || s == "json") return FileFormat::JsonLines;
  throw UsageError("--input-format must be auto, csv, tsv or jsonl");
}
}  // namespace

ImportOptions importOptions(const Args& a) {
  ImportOptions o;
  o.interactionFiles = a.all("--interactions");
  o.itemFiles = a.all("--items");
  o.map = a.get("--map");
  o.itemMap = a.get("--item-map");
  o.strict = a.has("--strict");
  o.format = parseFormat(a.get("--input-format"));
  std::string error;
  if (a.has("--clean")) {
    CleaningSettings c;
    if (!CleaningSettings::parseSpec(a.get("--clean"), c, error)) throw UsageError(error);
    o.cleaning = c;
  }
  std::map<std::string, std::string> dummy;
  if (!parseColumnMap(o.map, kInteractionMapKeys, dummy, error) ||
      !parseColumnMap(o.itemMap, kItemMapKeys, dummy, error))
    throw UsageError(error);
  return o;
}

}  // namespace il::cli
