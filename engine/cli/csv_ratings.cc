#include "cli/csv_ratings.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <fstream>

#include "text.h"

namespace poise::cli {

LineReader::LineReader(std::unique_ptr<std::istream> in, size_t max_line)
    : in_(std::move(in)),
      max_line_(max_line),
      capacity_(max_line + (1u << 16)),
      buffer_(std::make_unique_for_overwrite<char[]>(capacity_)) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the unread part at the front
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  in_->read(buffer_.get() + end_, static_cast<std::streamsize>(capacity_ - end_));
  const auto got = static_cast<size_t>(in_->gcount());
  end_ += got;
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::Next(std::string_view* line, bool* too_long) {
  *too_long = false;
  size_t scanned = 0;  // bytes after begin_ known to hold no newline
  while (true) {
    const char* start = buffer_.get() + begin_;
    const auto* newline =
        static_cast<const char*>(std::memchr(start + scanned, '\n', end_ - begin_ - scanned));
    if (newline != nullptr) {
      const auto length = static_cast<size_t>(newline - start);
      *line = *too_long ? std::string_view() : std::string_view(start, length);
      begin_ += length + 1;
      return true;
    }
    scanned = end_ - begin_;
    if (scanned > max_line_) {  // drop what we have of the line and go on looking for its end
      *too_long = true;
      begin_ = end_;
      scanned = 0;
    }
    if (!Fill()) {
      if (begin_ == end_ && !*too_long) return false;
      *line =
          *too_long ? std::string_view() : std::string_view(buffer_.get() + begin_, end_ - begin_);
      begin_ = end_;
      return true;
    }
  }
}

std::unique_ptr<CsvRatings> CsvRatings::Open(const std::string& path, const Model* model,
                                             Diagnostics* errors) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) {
    errors->push_back({path, {}, "cannot open the ratings CSV", "check the path"});
    return nullptr;
  }
  return Open(path, std::move(in), model, errors);
}

std::unique_ptr<CsvRatings> CsvRatings::Open(const std::string& display_name,
                                             std::unique_ptr<std::istream> in, const Model* model,
                                             Diagnostics* errors) {
  std::unique_ptr<CsvRatings> csv(new CsvRatings(display_name, std::move(in), model));
  const std::string& path = csv->path_;
  bool too_long = false;
  if (!csv->lines_.Next(&csv->line_text_, &too_long)) {
    errors->push_back({path,
                       {},
                       "the ratings CSV is empty",
                       "its first line names the columns: id,title,<criteria>"});
    return nullptr;
  }
  if (too_long) {
    errors->push_back(csv->LongLine(1));
    return nullptr;
  }
  csv->line_ = 1;
  if (csv->line_text_.starts_with("\xEF\xBB\xBF")) csv->line_text_.remove_prefix(3);
  if (!csv->Split(csv->line_text_, &csv->fields_, &csv->columns_, errors)) return nullptr;
  const Rubric& rubric = *model->rubric;
  std::vector<std::string> ids;
  for (const Criterion& c : rubric.criteria) ids.push_back(c.id);
  std::vector<int> seen(rubric.criteria.size(), 0);
  const size_t before = errors->size();
  for (size_t k = 0; k < csv->fields_.size(); ++k) {
    const std::string& name = csv->fields_[k];
    const SourceMark mark{1, csv->columns_[k]};
    if (k == 0) {
      if (name != "id")
        errors->push_back({path, mark, fmt::format("the first column is '{}', not 'id'", name),
                           "start the header with id"});
      csv->criterion_of_column_.push_back(-1);
      continue;
    }
    if (k == 1 && name == "title") {
      csv->title_column_ = 1;
      csv->criterion_of_column_.push_back(-1);
      continue;
    }
    const int c = rubric.FindCriterion(name);
    csv->criterion_of_column_.push_back(c);
    if (c < 0) {
      errors->push_back(
          {path, mark,
           fmt::format("column '{}' is not a criterion of rubric '{}'", name, rubric.id),
           DidYouMean(name, ids, "columns after id (and title) are criterion ids")});
    } else if (seen[static_cast<size_t>(c)]++ > 0) {
      errors->push_back({path, mark, fmt::format("column '{}' appears twice", name),
                         "keep one column per criterion"});
    }
  }
  std::vector<std::string> missing;
  for (size_t c = 0; c < seen.size(); ++c) {
    if (seen[c] == 0) missing.push_back(rubric.criteria[c].id);
  }
  if (!missing.empty()) {
    const size_t count = missing.size();
    if (count > 5) missing.resize(5);
    errors->push_back(
        {path,
         {1, 1},
         fmt::format("no column for {} criteri{} of rubric '{}': {}{}", count,
                     count == 1 ? "on" : "a", rubric.id, Join(missing, ", "),
                     count > 5 ? ", …" : ""),
         "add a column per criterion; leave its cells empty where it is not assessed"});
  }
  if (errors->size() > before) return nullptr;
  return csv;
}

Diagnostic CsvRatings::LongLine(int line) const {
  return {path_,
          {line, 1},
          fmt::format("line longer than {} bytes", kMaxCsvLine),
          "is this a ratings matrix? (a row of 5000 criteria needs well under 1 MiB)"};
}

bool CsvRatings::NextRow(bool* too_long) {
  while (lines_.Next(&line_text_, too_long)) {
    ++line_;
    if (*too_long || !(line_text_.empty() || line_text_ == "\r")) return true;
  }
  return false;
}

bool CsvRatings::Split(std::string_view line, std::vector<std::string>* fields,
                       std::vector<int>* columns, Diagnostics* errors) {
  columns->clear();
  size_t count = 0;  // fields are reused from line to line, keeping their buffers
  size_t i = 0;
  const size_t n = line.size() - (!line.empty() && line.back() == '\r' ? 1 : 0);
  struct Trim {  // drops the unused tail of `fields` on every return
    std::vector<std::string>* fields;
    size_t* count;
    ~Trim() { fields->resize(*count); }
  } trim{fields, &count};
  while (true) {
    columns->push_back(static_cast<int>(i) + 1);
    if (fields->size() <= count) fields->emplace_back();
    std::string& field = (*fields)[count++];
    field.clear();
    if (i < n && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= n) {
          errors->push_back({path_,
                             {line_, columns->back()},
                             "a quoted field is not closed",
                             "end it with \" (fields may not span lines)"});
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
    } else {
      const size_t comma = line.find(',', i);
      const size_t end = comma == std::string_view::npos || comma > n ? n : comma;
      field.assign(line.substr(i, end - i));
      i = end;
    }
    if (i >= n) return true;
    if (line[i] != ',') {
      errors->push_back({path_,
                         {line_, static_cast<int>(i) + 1},
                         "text after a closing quote",
                         "put a comma after the quoted field"});
      return false;
    }
    ++i;
  }
}

LoadedInput CsvRatings::ParseRow(const std::vector<std::string>& fields,
                                 const std::vector<int>& columns) {
  LoadedInput input;
  const Rubric& rubric = *model_->rubric;
  auto error = [&](size_t k, std::string message, std::string hint) {
    input.errors.push_back(
        {path_, {line_, k < columns.size() ? columns[k] : 1}, std::move(message), std::move(hint)});
  };
  if (fields.size() != criterion_of_column_.size()) {
    error(0,
          fmt::format("row has {} fields, the header has {}", fields.size(),
                      criterion_of_column_.size()),
          "every row needs one cell per column (empty for not assessed)");
    return input;
  }
  auto scenario = std::make_unique<Scenario>();
  scenario->file = path_;
  scenario->id = fields[0];
  if (!IsValidId(scenario->id)) {
    error(0, fmt::format("the scenario id '{}' is not a valid id", scenario->id),
          "use lowercase letters, digits, '_' and '-', starting with a letter or digit");
  }
  if (title_column_ >= 0) {
    const auto t = static_cast<size_t>(title_column_);
    std::string what;
    if (FindInvalidText(fields[t], &what)) {
      error(t, fmt::format("the title is not text: {}", what), "titles are UTF-8 text");
    } else {
      scenario->title = fields[t];
    }
  }
  if (scenario->title.empty()) scenario->title = scenario->id;
  const size_t c_count = rubric.criteria.size();
  scenario->ratings.assign(c_count, std::nullopt);
  scenario->ranges.assign(c_count, std::nullopt);
  scenario->notes.assign(c_count, "");
  for (size_t k = 0; k < fields.size(); ++k) {
    const int c = criterion_of_column_[k];
    if (c < 0 || fields[k].empty()) continue;
    const Criterion& criterion = rubric.criteria[static_cast<size_t>(c)];
    double value = 0;
    const NumberStatus status = ParseNumber(fields[k], &value);
    if (status != NumberStatus::kOk) {
      error(k,
            status == NumberStatus::kNonFinite
                ? fmt::format("the rating of '{}' is '{}', not a finite number", criterion.id,
                              fields[k])
                : fmt::format("the rating of '{}' must be a number, not '{}'", criterion.id,
                              fields[k]),
            "write digits such as 3 or 0.5, or leave the cell empty when not assessed");
      continue;
    }
    if (std::optional<Diagnostic> problem = RatingProblem(criterion, value)) {
      error(k, std::move(problem->message), std::move(problem->hint));
      continue;
    }
    scenario->ratings[static_cast<size_t>(c)] = value;
  }
  if (input.errors.empty()) {
    input.scenario = std::move(scenario);
    input.model = model_;
  }
  return input;
}

bool CsvRatings::ReadMatrix(size_t max, Eigen::MatrixXd* ratings, std::vector<std::string>* ids,
                            std::vector<std::string>* names, std::vector<Diagnostics>* errors) {
  const Rubric& rubric = *model_->rubric;
  const size_t c_count = rubric.criteria.size();
  if (scale_low_.empty()) {  // the numeric form of each criterion's scale rules, once
    for (const Criterion& c : rubric.criteria) {
      scale_low_.push_back(c.scale.min);
      scale_high_.push_back(c.scale.max);
      scale_levels_.push_back(c.scale.type == ScaleType::kLevels ? 1 : 0);
      scale_open_.push_back(c.scale.type == ScaleType::kRange && c.scale.clamp ? 1 : 0);
    }
  }
  ratings->resize(static_cast<Eigen::Index>(max), static_cast<Eigen::Index>(c_count));
  names->clear();
  ids->clear();
  errors->clear();
  size_t row = 0;
  const double nan = std::nan("");
  bool too_long = false;
  while (row < max && NextRow(&too_long)) {
    std::string& name = names->emplace_back(path_);
    name += ':';
    name += std::to_string(line_);
    Diagnostics& row_errors = errors->emplace_back();
    ids->emplace_back();
    const auto r = static_cast<Eigen::Index>(row++);
    ratings->row(r).setConstant(nan);
    if (too_long) {
      row_errors.push_back(LongLine(line_));
      continue;
    }
    // Fast scan for the common row without quotes: fields are views into the line.
    const bool quoted = line_text_.find('"') != std::string_view::npos;
    if (quoted) {
      if (!Split(line_text_, &fields_, &columns_, &row_errors)) continue;
      views_.assign(fields_.begin(), fields_.end());
    } else {
      views_.clear();
      columns_.clear();
      const size_t n = line_text_.size() - (line_text_.back() == '\r' ? 1 : 0);
      // A plain scan: fields are a few bytes, too short for a memchr call each to pay off.
      const char* data = line_text_.data();
      size_t at = 0;
      for (size_t i = 0; i <= n; ++i) {
        if (i == n || data[i] == ',') {
          views_.emplace_back(data + at, i - at);
          columns_.push_back(static_cast<int>(at) + 1);
          at = i + 1;
        }
      }
    }
    if (views_.size() != criterion_of_column_.size()) {
      row_errors.push_back({path_,
                            {line_, 1},
                            fmt::format("row has {} fields, the header has {}", views_.size(),
                                        criterion_of_column_.size()),
                            "every row needs one cell per column (empty for not assessed)"});
      continue;
    }
    bool bad = false;  // some cell failed the fast checks
    for (size_t k = 0; k < views_.size(); ++k) {
      const int c = criterion_of_column_[k];
      if (c < 0 || views_[k].empty()) continue;
      const auto ci = static_cast<size_t>(c);
      double value = 0;
      // Levels are almost always one digit: read those directly (same result as ParseNumber).
      const std::string_view cell = views_[k];
      const bool digit = cell.size() == 1 && cell[0] >= '0' && cell[0] <= '9';
      if (digit) value = cell[0] - '0';
      const NumberStatus status = digit ? NumberStatus::kOk : ParseNumber(cell, &value);
      bool valid = status == NumberStatus::kOk;
      if (valid && !scale_open_[ci]) {
        valid = value >= scale_low_[ci] && value <= scale_high_[ci] &&
                (!scale_levels_[ci] || std::floor(value) == value);
      }
      if (valid) {
        (*ratings)(r, c) = value;
        continue;
      }
      bad = true;
    }
    std::string what;
    if (bad || !IsValidId(views_[0]) ||
        (title_column_ >= 0 &&
         FindInvalidText(views_[static_cast<size_t>(title_column_)], &what))) {
      // The slow path builds the messages, once per row: ParseRow's rules and text (cells and id).
      if (!quoted) Split(line_text_, &fields_, &columns_, &row_errors);
      for (Diagnostic& d : ParseRow(fields_, columns_).errors) row_errors.push_back(std::move(d));
    }
    if (row_errors.empty()) {
      ids->back() = views_[0];
    } else {
      ratings->row(r).setConstant(nan);
    }
  }
  ratings->conservativeResize(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(c_count));
  return row > 0;
}

bool CsvRatings::Read(size_t max, std::vector<LoadedInput>* inputs,
                      std::vector<std::string>* names) {
  inputs->clear();
  names->clear();
  bool too_long = false;
  while (inputs->size() < max && NextRow(&too_long)) {
    names->push_back(fmt::format("{}:{}", path_, line_));
    if (too_long) {
      inputs->emplace_back().errors.push_back(LongLine(line_));
      continue;
    }
    Diagnostics errors;
    if (!Split(line_text_, &fields_, &columns_, &errors)) {
      inputs->emplace_back().errors = std::move(errors);
      continue;
    }
    inputs->push_back(ParseRow(fields_, columns_));
  }
  return !inputs->empty();
}

}  // namespace poise::cli
