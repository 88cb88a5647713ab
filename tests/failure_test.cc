// Failure behaviour of the command line: unreadable inputs, directories where files are expected,
// --output that cannot be written (read-only directory, full disk), and a reader that goes away
// (output piped into head). Each case: a clear message, the documented exit code, no partial
// report file left behind, and the other inputs still handled.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace poise {
namespace {

namespace fs = std::filesystem;
using testing::RunPoise;
using Json = nlohmann::json;

// A fresh directory under the test temp dir, removed when the test ends.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::path(::testing::TempDir()) / (name + "_" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// Permissions mean nothing to root: as root, poise runs without the capabilities that bypass
// them (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH). Empty when that is impossible.
std::optional<std::string> WithPermissionsEnforced() {
  if (geteuid() != 0) return std::string();
  if (std::system("command -v setpriv >/dev/null 2>&1") != 0) return std::nullopt;
  return std::string(
      "setpriv --bounding-set=-dac_override,-dac_read_search "
      "--inh-caps=-dac_override,-dac_read_search");
}

size_t CountEntries(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(Failure, UnreadableFileIsReportedInPlaceAndTheBatchGoesOn) {
  const auto prefix = WithPermissionsEnforced();
  if (!prefix) GTEST_SKIP() << "running as root without setpriv: permissions cannot be enforced";
  TempDir dir("poise_unreadable");
  const std::string locked = dir / "locked.yaml";
  fs::copy_file(POISE_SOURCE_DIR "/scenarios/open-doors.yaml", locked);
  fs::permissions(locked, fs::perms::none);
  auto run = RunPoise("score -f ndjson '" + locked + "' scenarios/closed-borders.yaml", *prefix);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, locked +
                         ":1:1: error: cannot open the file: Permission denied — check its "
                         "permissions\n");
  // Both inputs are in the report, in order: the failed one with its error, then the scored one.
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(Json::parse(first)["errors"][0]["message"], "cannot open the file: Permission denied");
  EXPECT_EQ(Json::parse(second)["scenario"], "closed-borders");
  // An unreadable rubric fails every scenario that needs it, and says why once.
  const std::string rubric = dir / "rubric.yaml";
  fs::copy_file(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml", rubric);
  fs::permissions(rubric, fs::perms::none);
  auto no_rubric = RunPoise("score --rubric '" + rubric + "' scenarios/open-doors.yaml", *prefix);
  EXPECT_EQ(no_rubric.exit_code, 2);
  EXPECT_NE(no_rubric.err.find(rubric + ":1:1: error: cannot open the file: Permission denied"),
            std::string::npos)
      << no_rubric.err;
}

TEST(Failure, DirectoryWhereAFileIsExpected) {
  // Options that take one file are usage errors (exit 1) that name the option.
  auto rubric = RunPoise("score --rubric scenarios scenarios/open-doors.yaml");
  EXPECT_EQ(rubric.exit_code, 1);
  EXPECT_NE(rubric.err.find("--rubric: File is actually a directory: scenarios"), std::string::npos)
      << rubric.err;
  auto csv = RunPoise("score --rubric rubrics/balanced-coexistence.yaml --from-csv scenarios");
  EXPECT_EQ(csv.exit_code, 1);
  EXPECT_NE(csv.err.find("--from-csv: File is actually a directory: scenarios"), std::string::npos)
      << csv.err;
  // --output naming a directory: exit 4, and the directory is left as it was.
  TempDir dir("poise_outdir");
  auto out = RunPoise("score -o '" + dir.path().string() + "' scenarios/open-doors.yaml");
  EXPECT_EQ(out.exit_code, 4);
  EXPECT_EQ(out.err, "poise: error: --output " + dir.path().string() + ": is a directory\n");
  EXPECT_EQ(CountEntries(dir.path()), 0u);
}

TEST(Failure, OutputInAReadOnlyDirectory) {
  const auto prefix = WithPermissionsEnforced();
  if (!prefix) GTEST_SKIP() << "running as root without setpriv: permissions cannot be enforced";
  TempDir dir("poise_readonly");
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const std::string target = dir / "report.json";
  auto run = RunPoise("score -f json -o '" + target + "' scenarios/", *prefix);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_EQ(run.err, "poise: error: --output " + target + ": cannot create a file in " +
                         dir.path().string() + ": Permission denied\n");
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(CountEntries(dir.path()), 0u);
}

TEST(Failure, FullDiskLeavesThePreviousReportAndNoPartialFile) {
  // A 64 KiB tmpfs fills up long before the report of 3000 scenarios (about 3 MB) is written.
  if (geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
  TempDir dir("poise_fulldisk");
  const std::string disk = dir / "disk";
  fs::create_directories(disk);
  if (mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=64k") != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
  struct Unmount {
    std::string path;
    ~Unmount() { umount(path.c_str()); }
  } unmount{disk};
  TempDir many("poise_fulldisk_inputs");
  ASSERT_EQ(RunPoise("synth --rubric rubrics/balanced-coexistence.yaml --count 3000 --seed 7 "
                     "--out '" +
                     many.path().string() + "'")
                .exit_code,
            0);
  const std::string target = disk + "/report.ndjson";
  std::ofstream(target) << "previous report\n";
  for (const char* threads : {"1", "2"}) {
    auto run = RunPoise(std::string("score -f ndjson --threads ") + threads + " -o '" + target +
                        "' '" + many.path().string() + "'");
    EXPECT_EQ(run.exit_code, 4) << threads;
    EXPECT_EQ(run.err, "poise: error: --output " + target + ": writing failed (disk full?)\n");
    EXPECT_EQ(testing::ReadFile(target), "previous report\n");
    EXPECT_EQ(CountEntries(disk), 1u);  // no temporary file left behind
  }
}

TEST(Failure, ReaderThatGoesAwayStopsTheRun) {
  TempDir many("poise_head_inputs");
  ASSERT_EQ(RunPoise("synth --rubric rubrics/balanced-coexistence.yaml --count 3000 --seed 7 "
                     "--out '" +
                     many.path().string() + "'")
                .exit_code,
            0);
  const std::string out = many / "head.out";
  const std::string status = many / "status";
  // Runs `poise score ... | head -n 1` in bash (optionally with SIGPIPE ignored) and records
  // poise's own exit status.
  auto run_pipe = [&](const std::string& setup) {
    const std::string script = many / "pipe.sh";
    std::ofstream(script) << setup << "\n'" POISE_BINARY "' score -f ndjson '"
                          << many.path().string() << "' 2>'" << out << ".err' | head -n 1 >'" << out
                          << "'\necho ${PIPESTATUS[0]} >'" << status << "'\n";
    return std::system(("bash '" + script + "'").c_str());
  };
  // Default SIGPIPE: poise ends silently at the first write after `head` exits, like any Unix
  // filter (status 141 = 128 + SIGPIPE); head has its one complete line.
  ASSERT_EQ(run_pipe(""), 0);
  EXPECT_EQ(testing::ReadFile(status), "141\n");
  EXPECT_EQ(testing::ReadFile(out + ".err"), "");
  EXPECT_EQ(Json::parse(testing::ReadFile(out))["scenario"], "synth-000001");
  // SIGPIPE ignored (as some supervisors do): the failed write is reported with exit 4.
  ASSERT_EQ(run_pipe("trap '' PIPE"), 0);
  EXPECT_EQ(testing::ReadFile(status), "4\n");
  EXPECT_EQ(testing::ReadFile(out + ".err"),
            "poise: error: cannot write to standard output (was it closed early, or is the disk "
            "full?); the report is incomplete\n");
}

}  // namespace
}  // namespace poise
