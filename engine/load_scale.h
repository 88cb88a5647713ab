// Reading the scale blocks and level descriptors of a rubric file.
#ifndef POISE_ENGINE_LOAD_SCALE_H_
#define POISE_ENGINE_LOAD_SCALE_H_

#include <map>
#include <string>
#include <string_view>

#include "load_common.h"
#include "poise/rubric.h"

namespace poise {

// Reads the `scale:` map at `index` (levels or range, FORMATS.md §1) into `*scale`, reporting
// every problem through `reader`. Returns false when anything was wrong.
bool ReadScale(DocReader& reader, int index, std::string_view what, Scale* scale);

// Reads a `levels:` map of integer level -> descriptor, each level on `scale`, into `*levels`.
void ReadLevels(DocReader& reader, int index, const Scale& scale,
                std::map<int, std::string>* levels);

}  // namespace poise

#endif  // POISE_ENGINE_LOAD_SCALE_H_
