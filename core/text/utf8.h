// Minimal UTF-8 helpers for readers that must locate bad bytes precisely.
#pragma once

#include <cstddef>
#include <string_view>

namespace il {

// Length of the longest valid UTF-8 prefix (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF). Equals s.size() when the whole string is valid.
size_t validUtf8Prefix(std::string_view s);

// Number of code points in s (continuation bytes are not counted).
size_t codePointCount(std::string_view s);

}  // namespace il
