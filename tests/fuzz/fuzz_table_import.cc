// libFuzzer target: CSV / TSV / JSON-lines table import, plain or gzip-compressed
// (ByteSource, CsvReader, JsonLinesReader, TableReader, schema detection, value parsing, Importer).
//
// Input: one flag byte, then up to four parts separated by "\n----\n":
//   interactions file, item catalog, --map string, --item-map string.
// Flag bits: 0-1 format (auto, csv, tsv, jsonl); 2 gzip the files before reading them; 3 tiny
// limits (64-byte fields, 8 fields, 4 KiB of decompressed data); 4 strict; 5 no interactions
// file; 6 with the item file.
#include <zlib.h>

#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "io/importer.h"
#include "io/table_reader.h"
#include "problem_log.h"

namespace {

std::string gzipped(std::string_view in) {
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t flags = data[0];
  const auto parts = il::fuzz::splitParts(data + 1, size - 1, 4);
  const bool gzip = flags & 4;
  const std::string dir = il::fuzz::scratchDir();
  const std::string interactions = dir + "/interactions", items = dir + "/items";
  il::fuzz::writeFile(interactions, gzip ? std::string_view(gzipped(parts[0])) : parts[0]);
  il::fuzz::writeFile(items, gzip ? std::string_view(gzipped(parts[1])) : parts[1]);

  il::ImportOptions o;
  o.format = static_cast<il::FileFormat>(flags & 3);
  if (flags & 8) {
    o.limits.maxFieldBytes = 64;
    o.limits.maxFields = 8;
    o.limits.maxDecompressedBytes = 4096;
  }
  o.strict = flags & 16;
  if (!(flags & 32)) o.interactionFiles.push_back(interactions);
  if (flags & 64) o.itemFiles.push_back(items);
  o.map = std::string(parts[2]);
  o.itemMap = std::string(parts[3]);

  // The reader alone, as every caller uses it: open, then every record with its positions.
  {
    il::ProblemLog log(100);
    if (auto reader = il::TableReader::open(interactions, o.format, o.limits, log)) {
      il::Record rec;
      while (reader->next(rec)) {
        if (rec.fields.size() != reader->header().size()) __builtin_trap();  // records align with the header
        for (size_t i = 0; i < rec.fields.size(); ++i) {
          (void)reader->columnOf(rec, i);
          (void)reader->lineOf(rec, i);
        }
        (void)reader->progress();
      }
    }
    for (const auto& p : log.kept()) (void)p.message();
  }

  // The whole import, as `interestlens-cli import` runs it (without the project write).
  il::ImportResult r = il::readImport(o);
  (void)r.summaryText();
  return 0;
}
