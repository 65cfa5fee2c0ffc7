//! Files that appear whole or not at all.
//!
//! On Linux an output is written into an unnamed file in the target folder (`O_TMPFILE`): if the
//! process dies, even by `kill -9`, the kernel frees it and nothing is left behind. When it is
//! complete it gets a hidden name and is renamed over the target in one step. Elsewhere (or on a
//! file system without `O_TMPFILE`) it is written under a hidden temporary name, removed if the
//! export fails, and swept by the next export if the process was killed.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// Marks our temporary names: `.NAME.listen-part-PID`.
const PART: &str = ".listen-part-";

pub struct AtomicFile {
    file: File,
    target: PathBuf,
    /// The temporary name, when the file has one from the start (no `O_TMPFILE`).
    named: Option<PathBuf>,
}

impl AtomicFile {
    /// Starts writing what will become `target`. Nothing appears under `target` before
    /// [`AtomicFile::commit`].
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = parent_dir(target);
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::OpenOptionsExt;
            if let Ok(file) = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_TMPFILE)
                .mode(0o644)
                .open(&dir)
            {
                return Ok(AtomicFile {
                    file,
                    target: target.to_path_buf(),
                    named: None,
                });
            }
        }
        let tmp = temp_name(target);
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        Ok(AtomicFile {
            file,
            target: target.to_path_buf(),
            named: Some(tmp),
        })
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    /// Puts the finished file in place, replacing any file of that name.
    pub fn commit(mut self) -> io::Result<()> {
        let tmp = match self.named.take() {
            Some(tmp) => tmp,
            None => {
                let tmp = temp_name(&self.target);
                link_unnamed(&self.file, &tmp)?;
                tmp
            }
        };
        if let Err(e) = fs::rename(&tmp, &self.target) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = &self.named {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let f = AtomicFile::create(target)?;
    (&f.file).write_all(bytes)?;
    f.commit()
}

#[cfg(target_os = "linux")]
fn link_unnamed(file: &File, to: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let to_c = CString::new(to.as_os_str().as_bytes())?;
    let proc_path = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    // SAFETY: valid NUL-terminated paths; linkat does not keep them. This is the way open(2)
    // documents to give an O_TMPFILE file a name.
    let r = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            proc_path.as_ptr(),
            libc::AT_FDCWD,
            to_c.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn link_unnamed(_file: &File, _to: &Path) -> io::Result<()> {
    Err(io::Error::other("unnamed temporary files need Linux"))
}

fn parent_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_dir(target).join(format!(".{name}{PART}{}", std::process::id()))
}

/// Removes temporary files left in `dir` by exports that were killed (their process is gone).
pub fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .rsplit_once(PART)
            .filter(|(stem, _)| stem.starts_with('.'))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn appears_only_when_committed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.txt");
        let f = AtomicFile::create(&target).expect("create");
        f.file().write_all(b"hello").expect("write");
        assert!(!target.exists());
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
        f.commit().expect("commit");
        assert_eq!(fs::read(&target).expect("read"), b"hello");

        // Dropped without commit: nothing changes, nothing is left.
        let f = AtomicFile::create(&target).expect("create");
        f.file().write_all(b"partial").expect("write");
        drop(f);
        assert_eq!(fs::read(&target).expect("read"), b"hello");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);

        write(&target, b"again").expect("write");
        assert_eq!(fs::read(&target).expect("read"), b"again");
    }

    #[test]
    fn sweeps_leftovers_of_dead_processes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dead = dir.path().join(".a.mp3.listen-part-4000000000");
        let mine = dir
            .path()
            .join(format!(".b.mp3.listen-part-{}", std::process::id()));
        let other = dir.path().join("c.listen-part-1");
        for p in [&dead, &mine, &other] {
            fs::write(p, b"x").expect("write");
        }
        sweep(dir.path());
        assert!(!dead.exists());
        assert!(mine.exists());
        assert!(other.exists());
    }
}
