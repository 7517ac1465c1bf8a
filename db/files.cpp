// POSIX underneath: std::ofstream neither fsyncs nor says why a write failed.
#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "i18n.h"

namespace rg::db {
namespace {

// A translated sentence with one %s for the path.
std::string with_path(const char* sentence, const std::string& path) {
  std::string s = sentence;
  if (auto at = s.find("%s"); at != std::string::npos) s.replace(at, 2, path);
  return s;
}

// Why `path` could not be written, in words a desk administrator can act on.
Error io_error(int err, const std::string& path, const std::string& what) {
  const char* sentence = nullptr;
  switch (err) {
    case ENOENT:
    case ENOTDIR: sentence = _("Could not save %s: the folder does not exist."); break;
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      sentence = _("Could not save %s: the disk is full."); break;
    case EROFS: sentence = _("Could not save %s: the disk is read-only."); break;
    case EACCES:
    case EPERM: sentence = _("Could not save %s: no permission to write to this folder."); break;
    default: sentence = _("Could not save %s."); break;
  }
  return Error(ErrorCode::Io, with_path(sentence, path), what + ": " + std::strerror(err));
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(io_error(errno, path, "open " + tmp));
  auto give_up = [&](const std::string& what) {
    int err = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return std::unexpected(io_error(err, path, what));
  };
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return give_up("write " + tmp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return give_up("fsync " + tmp);
  int rc = ::close(fd);
  fd = -1;
  if (rc != 0) return give_up("close " + tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return give_up("rename " + tmp);
  // The rename itself survives a power cut once the folder is synced (best effort).
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

Status ensure_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec && std::filesystem::is_directory(dir, ec)) return {};
  int err = ec ? ec.value() : ENOTDIR;
  const char* sentence = nullptr;
  switch (err) {
    case ENOSPC: sentence = _("Could not create the folder %s: the disk is full."); break;
    case EROFS: sentence = _("Could not create the folder %s: the disk is read-only."); break;
    case EACCES:
    case EPERM: sentence = _("Could not create the folder %s: no permission."); break;
    default: sentence = _("Could not create the folder %s."); break;
  }
  return fail(ErrorCode::Io, with_path(sentence, dir), "create_directories " + dir + ": " + std::strerror(err));
}

Status write_export_and_commit(Transaction& tx, const std::string& path, std::string_view bytes) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (!dir.empty()) RG_TRY(ensure_directory(dir));
  RG_TRY(write_file_atomically(path, bytes));
  if (auto c = tx.commit(); !c) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return c;
  }
  return {};
}

}  // namespace rg::db
