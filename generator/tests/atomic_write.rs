//! `ayuda build` killed at each step of swapping its output in (strace injects a SIGKILL at
//! a chosen system call): the output folder must always hold one whole site, the previous
//! build's or the new one's, and the next build must succeed and clean up after the dead one.
//! Linux only: strace, and the exchange that makes this hold.

#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// A fixed day, so that two builds of one site are byte for byte equal.
const EPOCH: &str = "1907712000";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Copies a folder and everything in it.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by relative path; empty when `dir` is missing.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), base, found);
            } else {
                let path = entry.path().strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                found.insert(path, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut found);
    }
    found
}

/// The names of the entries in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `PROGRAM [ARGUMENTS] ayuda build` of `site` into `out`: the program runs the build.
fn build_command(program: &str, arguments: &[&str], site: &Path, out: &Path) -> Command {
    let mut command = Command::new(program);
    command.args(arguments).args(["build", "--quiet", "--root"]).arg(site).arg("--out").arg(out);
    command.env("SOURCE_DATE_EPOCH", EPOCH);
    command
}

/// `ayuda build` of `site` into `out`, run under `strace` with `strace_arguments`.
fn build_under_strace(strace_arguments: &[&str], site: &Path, out: &Path) -> ExitStatus {
    let mut arguments = strace_arguments.to_vec();
    arguments.push(env!("CARGO_BIN_EXE_ayuda"));
    let output = build_command("strace", &arguments, site, out).output().unwrap();
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    }
    output.status
}

/// A normal build, which must succeed.
fn build(site: &Path, out: &Path) {
    let output = build_command(env!("CARGO_BIN_EXE_ayuda"), &[], site, out).output().unwrap();
    assert!(output.status.success(), "the build failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// strace must be there: without it this test would prove nothing.
fn require_strace() {
    let found = Command::new("strace").arg("-V").output().is_ok_and(|o| o.status.success());
    assert!(found, "this test needs strace to kill the build at chosen system calls: apt-get install strace");
}

/// Whether a run ended by SIGKILL (strace re-raises the signal that killed its tracee).
fn killed(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9) || status.code() == Some(128 + 9)
}

/// The files that differ between two sites, for a readable failure.
fn difference(found: &BTreeMap<String, Vec<u8>>, expected: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let missing = expected.keys().filter(|p| !found.contains_key(*p)).map(|p| format!("missing {p}"));
    let extra = found.keys().filter(|p| !expected.contains_key(*p)).map(|p| format!("extra {p}"));
    let changed = found
        .iter()
        .filter(|(p, bytes)| expected.get(*p).is_some_and(|e| e != *bytes))
        .map(|(p, _)| format!("changed {p}"));
    missing.chain(extra).chain(changed).take(5).collect()
}

#[test]
fn a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site() {
    require_strace();
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().to_path_buf();
    // Two versions of a small site: the second has one more page, which changes menus too.
    let (old_site, new_site) = (work.join("site-old"), work.join("site-new"));
    copy_tree(&repo().join("tests/sites/basic"), &old_site);
    copy_tree(&repo().join("tests/sites/basic"), &new_site);
    std::fs::write(
        new_site.join("content/guia/nueva.md"),
        "---\ntitle: Página nueva\nweight: 9\n---\n\nSolo en la versión nueva.\n",
    )
    .unwrap();
    let (old_reference, new_reference) = (work.join("reference-old"), work.join("reference-new"));
    build(&old_site, &old_reference);
    build(&new_site, &new_reference);
    let (old, new) = (tree(&old_reference), tree(&new_reference));
    assert!(old.len() > 10 && new.len() > old.len(), "the two versions differ in their files");

    // Each case: the system calls watched, and the one (counted from 1) that gets a SIGKILL.
    let renames = "rename,renameat,renameat2";
    let unlinks = "unlink,unlinkat,rmdir";
    let cases = [(renames, 1), (renames, 2), (renames, 3), (unlinks, 1)];
    // Every case runs, and every problem is reported at the end.
    let mut problems = Vec::new();
    for (calls, n) in cases {
        let parent = work.join(format!("run-{}-{n}", calls.split(',').next().unwrap()));
        std::fs::create_dir_all(&parent).unwrap();
        let out = parent.join("public");
        build(&old_site, &out);
        let trace = format!("trace={calls}");
        let inject = format!("inject={calls}:signal=KILL:when={n}");
        let status =
            build_under_strace(&["-f", "-o", "/dev/null", "-e", &trace, "-e", &inject], &new_site, &out);
        let what = format!("killed at {calls} call {n}");
        assert!(status.success() || killed(status), "{what}: the run ended otherwise: {status}");
        if n == 1 {
            assert!(killed(status), "{what}: a build over an existing output makes such a call");
        }
        let found = tree(&out);
        if found == old || found == new {
            eprintln!(
                "{what}: {}, the output holds the {} build",
                if killed(status) { "killed" } else { "not killed" },
                if found == old { "previous" } else { "new" }
            );
        } else if !out.exists() {
            problems.push(format!("{what}: there is no output folder; beside it: {:?}", names_in(&parent)));
        } else {
            problems.push(format!(
                "{what}: the output holds neither build: against the previous one {:?}, against the new one {:?}; \
                 beside it: {:?}",
                difference(&found, &old),
                difference(&found, &new),
                names_in(&parent),
            ));
        }
        build(&new_site, &out);
        if tree(&out) != new {
            problems.push(format!("{what}: the next build did not write the new site"));
        }
        if names_in(&parent) != ["public"] {
            problems.push(format!("{what}: the next build left {:?} beside the output", names_in(&parent)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
