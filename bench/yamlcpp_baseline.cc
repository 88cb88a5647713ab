// The floor poise's loading is measured against: yaml-cpp alone loading the same scenario files —
// read each file, YAML::Load its text, read every rating (short or long form) as a double.
// Usage: yamlcpp_baseline FILE... (or a single directory). Prints the number of ratings read.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[i]))
        files.push_back(entry.path().string());
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  size_t ratings = 0;
  double sum = 0;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const YAML::Node root = YAML::Load(text.str());
    for (const auto& entry : root["ratings"]) {
      const YAML::Node& value = entry.second;
      sum += value.IsMap() ? value["score"].as<double>() : value.as<double>();
      ++ratings;
    }
  }
  std::cout << files.size() << " files, " << ratings << " ratings (checksum " << sum << ")\n";
  return 0;
}
