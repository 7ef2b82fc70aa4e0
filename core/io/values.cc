#include "values.h"

#include <QDateTime>
#include <QTimeZone>
#include <charconv>
#include <cmath>

namespace il {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<double> parseNumber(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;  // "+-1"
  }
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int64_t> parseTime(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (const auto n = parseNumber(s)) {
    double v = *n;
    if (std::fabs(v) > 1e12) v /= 1000.0;  // milliseconds since the epoch
    if (std::fabs(v) > 1e11) return std::nullopt;  // beyond year 5000: not a time
    return static_cast<int64_t>(std::floor(v));
  }
  const QString text = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
  if (text.size() == 10) {  // date only
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid()) return std::nullopt;
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
  }
  // A time without an offset is UTC. Say so before parsing: parsed as local time first,
  // a time in a daylight-saving gap of the user's zone would be rejected or shifted.
  QString iso = text;
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  const qsizetype timePart = iso.indexOf('T');
  const bool hasOffset = iso.endsWith('Z') || iso.endsWith('z') ||
                         (timePart > 0 && (iso.indexOf('+', timePart) > 0 || iso.indexOf('-', timePart) > 0));
  if (!hasOffset) iso += 'Z';
  const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
  if (!dt.isValid()) return std::nullopt;
  return dt.toSecsSinceEpoch();
}

}  // namespace il
