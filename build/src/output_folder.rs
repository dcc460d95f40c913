//! Where a build may put its output. A build replaces its output folder whole, so that folder
//! must not be the site's folder, hold it, or lie inside what the site reads (`content/`,
//! `static/`, `templates/`, `themes/`), nor hold a file the site reads (its SLA policy may
//! live elsewhere). A folder under the root that the site does not read, such as the default
//! `public/`, is fine. Paths are compared as the file system resolves them (`.`, `..` and
//! links followed), the output's missing parts as written.

use diagnostics::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// What to do instead, for every refusal here.
const HELP: &str =
    "choose a folder that the site does not read, such as public/ in the site's folder, the default";

/// Refuses an output folder `out` that would overwrite, or be read as, the site at `root`,
/// which reads `inputs` (paths from the root, as [`model::site::input_paths`] lists them).
/// Reads the file system, writes nothing.
pub fn check(root: &Path, out: &Path, inputs: &[String]) -> Result<(), Diagnostic> {
    let (root, target) = (resolve(root), resolve(out));
    let refuse = |why: String| Err(crate::write::refusal(out, &why).with_help(HELP));
    if target == root {
        return refuse("this is the site's own folder".to_owned());
    }
    if root.starts_with(&target) {
        return refuse(format!("this folder holds the site's folder, {}", root.display()));
    }
    for input in inputs {
        let path = resolve(&root.join(input));
        let shown = if model::site::INPUT_FOLDERS.contains(&input.as_str()) {
            format!("{input}/")
        } else {
            input.clone()
        };
        if target == path {
            return refuse(format!("this is {shown}, which the site reads"));
        }
        if target.starts_with(&path) {
            return refuse(format!("this folder is inside {shown}, which the site reads"));
        }
        if path.starts_with(&target) {
            return refuse(format!("this folder holds {shown}, which the site reads"));
        }
    }
    Ok(())
}

/// `path` made absolute, with its links, `.` and `..` resolved as far as it exists; the parts
/// that do not exist yet are taken as written (they cannot be links).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
            prefix_or_root => resolved.push(prefix_or_root),
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder for one test (removed when dropped), holding a site's folders.
    fn site() -> tempfile::TempDir {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        for folder in ["sitio/content/guia", "sitio/static", "sitio/themes/claro/templates", "reglas"] {
            std::fs::create_dir_all(dir.join(folder)).unwrap();
        }
        std::fs::write(dir.join("sitio/ayuda.yaml"), "title: Ayuda\n").unwrap();
        scratch
    }

    /// The inputs of the test site: its policy is outside its folder.
    fn inputs() -> Vec<String> {
        ["ayuda.yaml", "../reglas/sla.yaml", "content", "static", "templates", "themes"]
            .map(str::to_owned)
            .to_vec()
    }

    /// Why `out` is refused for the site `dir/sitio`, or `None`.
    fn refusal(dir: &Path, out: &Path) -> Option<String> {
        check(&dir.join("sitio"), out, &inputs()).err().map(|problem| problem.to_string())
    }

    #[test]
    fn the_site_its_ancestors_and_its_inputs_are_refused() {
        let scratch = site();
        let dir = scratch.path();
        let root = dir.join("sitio");
        let cases = [
            (root.clone(), "this is the site's own folder".to_owned()),
            (root.join("content/.."), "this is the site's own folder".to_owned()),
            (dir.to_path_buf(), format!("this folder holds the site's folder, {}", resolve(&root).display())),
            (
                PathBuf::from("/"),
                format!("this folder holds the site's folder, {}", resolve(&root).display()),
            ),
            (root.join("content"), "this is content/, which the site reads".to_owned()),
            (
                root.join("content/guia/salida"),
                "this folder is inside content/, which the site reads".to_owned(),
            ),
            (
                root.join("static/nuevo/otro"),
                "this folder is inside static/, which the site reads".to_owned(),
            ),
            (root.join("templates/x"), "this folder is inside templates/, which the site reads".to_owned()),
            (root.join("themes/claro"), "this folder is inside themes/, which the site reads".to_owned()),
            (root.join("ayuda.yaml"), "this is ayuda.yaml, which the site reads".to_owned()),
            (dir.join("reglas"), "this folder holds ../reglas/sla.yaml, which the site reads".to_owned()),
        ];
        for (out, why) in cases {
            let expected = format!(
                "{}: cannot write the site here: {why}; a build replaces its output folder whole (help: {HELP})",
                out.display()
            );
            assert_eq!(refusal(dir, &out).as_deref(), Some(expected.as_str()), "{}", out.display());
        }
    }

    #[test]
    fn a_folder_the_site_does_not_read_is_accepted() {
        let scratch = site();
        let dir = scratch.path();
        let root = dir.join("sitio");
        for out in
            [root.join("public"), root.join("salida/web"), root.join("content/../public"), dir.join("public")]
        {
            assert_eq!(refusal(dir, &out), None, "{}", out.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed() {
        let scratch = site();
        let dir = scratch.path();
        let root = dir.join("sitio");
        std::os::unix::fs::symlink(root.join("content"), dir.join("paginas")).unwrap();
        std::os::unix::fs::symlink(&root, dir.join("enlace")).unwrap();
        let inside = refusal(dir, &dir.join("paginas/salida")).unwrap();
        let expected = format!(
            "inside content/, which the site reads; a build replaces its output folder whole (help: {HELP})"
        );
        assert!(inside.ends_with(&expected), "{inside}");
        assert!(refusal(dir, &dir.join("enlace")).unwrap().contains("the site's own folder"));
        assert_eq!(refusal(dir, &dir.join("enlace/public")), None);
        // A site named through a link is the same site.
        let through_link = check(&dir.join("enlace"), &root, &inputs()).unwrap_err().to_string();
        assert!(through_link.contains("the site's own folder"), "{through_link}");
    }

    #[test]
    fn missing_parts_are_taken_as_written() {
        let scratch = site();
        let dir = scratch.path();
        let resolved = resolve(&dir.join("sitio/no/existe/../../content/./x"));
        assert_eq!(resolved, resolve(&dir.join("sitio/content")).join("x"));
    }
}
