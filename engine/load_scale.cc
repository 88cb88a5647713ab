// Reading `scale:` blocks and level descriptors of rubric files (FORMATS.md §1, Scales).
#include "load_scale.h"

#include <fmt/format.h>

#include <cmath>

#include "text.h"

namespace poise {
namespace {

std::string LevelsText(const Scale& scale) {
  return fmt::format("{}..{}", FormatNumber(scale.min), FormatNumber(scale.max));
}

}  // namespace

bool ReadScale(DocReader& r, int index, std::string_view what, Scale* scale) {
  if (!r.ExpectMap(index, what)) return false;
  const size_t before = r.problem_count();
  MapFields fields(r, index);
  ScaleType type = ScaleType::kLevels;
  if (const Field* f = fields.Find("type")) {
    auto text = r.Text(f->value, "the scale type");
    if (text && *text == "range") {
      type = ScaleType::kRange;
    } else if (text && *text != "levels") {
      r.Error(r.node(f->value).mark, fmt::format("unknown scale type '{}'", *text),
              DidYouMean(*text, {"levels", "range"}, "use `levels` or `range`"));
    }
  }
  scale->type = type;
  if (type == ScaleType::kLevels) {
    fields.CheckKnown({"type", "min", "max", "levels"}, fmt::format("{} (a levels scale)", what));
  } else {
    fields.CheckKnown({"type", "min", "max", "transform", "direction", "clamp"},
                      fmt::format("{} (a range scale)", what));
  }
  std::optional<double> min, max;
  if (const Field* f = fields.Require("min", what)) min = r.Number(f->value, "the scale's min");
  if (const Field* f = fields.Require("max", what)) max = r.Number(f->value, "the scale's max");
  if (min && max) {
    if (*min >= *max) {
      r.Error(fields.mark(),
              fmt::format("the scale's min {} is not below its max {}", FormatNumber(*min),
                          FormatNumber(*max)),
              "min is the worst end and max the best end; use direction: lower_is_better to flip");
    } else if (type == ScaleType::kLevels &&
               (std::floor(*min) != *min || std::floor(*max) != *max)) {
      r.Error(fields.mark(), "a levels scale needs whole-number min and max",
              "use type: range for real-valued indicators");
    } else if (type == ScaleType::kLevels && *max - *min + 1 > kMaxLevels) {
      r.Error(fields.mark(),
              fmt::format("a levels scale of {} levels is more than the limit of {}",
                          FormatNumber(*max - *min + 1), kMaxLevels),
              "use type: range for fine-grained indicators");
    } else {
      scale->min = *min;
      scale->max = *max;
    }
  }
  if (type == ScaleType::kRange) {
    if (const Field* f = fields.Find("transform")) {
      auto text = r.Text(f->value, "transform");
      if (text && *text == "log") {
        scale->transform = Transform::kLog;
        if (min && *min <= 0) {
          r.Error(r.node(f->value).mark, "transform: log needs min > 0",
                  "the logarithm of 0 or a negative number is undefined; raise min");
        }
      } else if (text && *text != "none") {
        r.Error(r.node(f->value).mark, fmt::format("unknown transform '{}'", *text),
                DidYouMean(*text, {"none", "log"}, "use `none` or `log`"));
      }
    }
    if (const Field* f = fields.Find("direction")) {
      auto text = r.Text(f->value, "direction");
      if (text && *text == "lower_is_better") {
        scale->direction = Direction::kLowerIsBetter;
      } else if (text && *text != "higher_is_better") {
        r.Error(r.node(f->value).mark, fmt::format("unknown direction '{}'", *text),
                DidYouMean(*text, {"higher_is_better", "lower_is_better"},
                           "use `higher_is_better` or `lower_is_better`"));
      }
    }
    if (const Field* f = fields.Find("clamp")) {
      if (auto value = r.Bool(f->value, "clamp")) scale->clamp = *value;
    }
  } else if (const Field* f = fields.Find("levels")) {
    scale->levels.clear();
    ReadLevels(r, f->value, *scale, &scale->levels);
  }
  return r.problem_count() == before;
}

void ReadLevels(DocReader& r, int index, const Scale& scale, std::map<int, std::string>* levels) {
  if (!r.ExpectMap(index, "levels")) return;
  MapFields fields(r, index);
  for (const Field& field : fields.fields()) {
    double level = 0;
    if (ParseNumber(field.key, &level) != NumberStatus::kOk || std::floor(level) != level) {
      r.Error(field.key_mark, fmt::format("level '{}' is not a whole number", field.key),
              fmt::format("levels are the integers {}", LevelsText(scale)));
      continue;
    }
    if (level < scale.min || level > scale.max) {
      r.Error(field.key_mark,
              fmt::format("level {} is outside the scale {}", field.key, LevelsText(scale)),
              "describe only the levels of the scale");
      continue;
    }
    if (auto text = r.Text(field.value, fmt::format("the descriptor of level {}", field.key))) {
      (*levels)[static_cast<int>(level)] = *text;
    }
  }
}

}  // namespace poise
