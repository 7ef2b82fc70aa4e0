// Cleaning applied to an import before it is written: texts and catalog fields are
// cleaned, texts flagged and their language detected (see text_cleaner.h).
#pragma once

#include "../io/importer.h"

namespace il {

// Cleans `result` in place and fills result.cleaning. Throws Cancelled, LanguageError.
void cleanImport(ImportResult& result, const CleaningSettings& settings, const JobControl* job = nullptr);

}  // namespace il
