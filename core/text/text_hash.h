// Content address of a text: vectors are cached per (encoder, text hash), so the
// same text written by many users is encoded once.
#pragma once

#include <string>
#include <string_view>

namespace il {

// SHA-1 of the UTF-8 bytes, 20 raw bytes.
std::string textHash(std::string_view text);

}  // namespace il
