//! Durable file changes. `write` replaces a file so that a crash leaves either the
//! old contents or the new, never a mix: write a temporary file beside it, flush it
//! to disk, rename it over the target, flush the directory. On Unix, files are
//! private to the user (0600) and the directories created for them too (0700).

use std::ffi::OsString;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    create_private_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} has no file name", path.display())))?;
    let (temp, mut file) = create_temp(dir, name)?;

    let written = write_synced(&mut file, bytes).and_then(|()| fs::rename(&temp, path));
    drop(file);
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_dir(dir)
}

/// Opens `path` for appending, owner-only, creating it and its directories
/// (durably) if needed.
pub fn open_for_append(path: &Path) -> io::Result<File> {
    let dir = parent_dir(path);
    create_private_dir_all(dir)?;
    let existed = path.exists();
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    restrict_to_owner(&mut options);
    let file = options.open(path)?;
    if existed {
        make_private(&file)?;
    } else {
        sync_dir(dir)?;
    }
    Ok(file)
}

/// Creates `dir` and any missing parents, each owner-only; existing ones are left as they are.
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A temp file beside the target, its name never shared with another write:
/// the process id tells processes apart, the counter writes within one.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = dir.join(temp_name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        restrict_to_owner(&mut options);
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            // Left by a crashed process that had this id.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Removes `path` durably; a file that is already gone is not an error.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => sync_dir(parent_dir(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn write_synced(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn make_private(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if file.metadata()?.permissions().mode() & 0o077 != 0 {
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_file: &File) -> io::Result<()> {
    Ok(())
}

fn restrict_to_owner(options: &mut OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    #[cfg(not(unix))]
    let _ = options;
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_to_the_user() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        write(&path, b"{}").unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn directories_made_for_a_file_are_private_to_the_user() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("a/b/p.json"), b"{}").unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);

        let log = dir.path().join("c/d/audit.jsonl");
        open_for_append(&log).unwrap();
        assert_eq!(mode(&dir.path().join("c")), 0o700);
        assert_eq!(mode(&dir.path().join("c/d")), 0o700);
        assert_eq!(mode(&log), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn appending_to_a_file_others_can_read_makes_it_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal");
        fs::write(&path, b"a\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        open_for_append(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn concurrent_writes_of_one_file_each_land_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.json");
        let writers: Vec<_> = (0..8)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..40 {
                        let body = format!("{w}:{i};").repeat(500);
                        write(&path, body.as_bytes()).expect("every write succeeds");
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let last = String::from_utf8(fs::read(&path).unwrap()).unwrap();
        let unit = &last[..=last.find(';').unwrap()];
        assert_eq!(last, unit.repeat(500), "one write whole, not a mix");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["journal.json"]);
    }

    #[test]
    fn temp_names_differ_between_writes() {
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::new("p.json");
        let (first, _a) = create_temp(dir.path(), name).unwrap();
        let (second, _b) = create_temp(dir.path(), name).unwrap();
        assert_ne!(first, second);
    }

    #[test]
    fn appends_and_removes() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal");
        open_for_append(&path).unwrap().write_all(b"a\n").unwrap();
        open_for_append(&path).unwrap().write_all(b"b\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a\nb\n");
        remove(&path).unwrap();
        assert!(!path.exists());
        remove(&path).expect("removing a missing file is fine");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        write(&path, b"old").unwrap();
        // A directory where the file should go makes the rename fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("x")).unwrap();
        assert!(write(&blocked, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert!(blocked.join("x").exists());
    }
}
