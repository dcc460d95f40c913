//! The built-in theme, compiled into the binary, and a site's own templates over it.

use crate::diagnostics::{line_column, read_text, Diagnostic};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use tera::ast::{Expr, ExprVal, FunctionCall, LogicOperator, Node};

/// Templates of the default theme, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("menu.html", include_str!("../../themes/default/templates/menu.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("section.html", include_str!("../../themes/default/templates/section.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("alias.html", include_str!("../../themes/default/templates/alias.html")),
    (
        "shortcodes/sla_priorities.html",
        include_str!("../../themes/default/templates/shortcodes/sla_priorities.html"),
    ),
    (
        "shortcodes/sla_targets.html",
        include_str!("../../themes/default/templates/shortcodes/sla_targets.html"),
    ),
    ("shortcodes/sla_hours.html", include_str!("../../themes/default/templates/shortcodes/sla_hours.html")),
    (
        "shortcodes/sla_escalation.html",
        include_str!("../../themes/default/templates/shortcodes/sla_escalation.html"),
    ),
    (
        "shortcodes/sla_calculator.html",
        include_str!("../../themes/default/templates/shortcodes/sla_calculator.html"),
    ),
    (
        "shortcodes/sla_definitive_fix_days.html",
        include_str!("../../themes/default/templates/shortcodes/sla_definitive_fix_days.html"),
    ),
];

/// The default theme's stylesheet.
pub const STYLESHEET: &str = include_str!("../../themes/default/static/style.css");

/// The default theme's icon.
pub const ICON: &str = include_str!("../../themes/default/static/icon.svg");

/// The folder of the theme a site names, `themes/NAME/` under the site; `None` for the
/// built-in theme (no name, or `default`).
pub fn folder(root: &Path, name: Option<&str>) -> Result<Option<PathBuf>, String> {
    let Some(name) = name.filter(|n| *n != "default") else { return Ok(None) };
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(format!("theme: \"{name}\" must be the name of a folder under themes/"));
    }
    let folder = root.join("themes").join(name);
    if !folder.join("templates").is_dir() && !folder.join("static").is_dir() {
        return Err(format!(
            "theme: no theme \"{name}\": themes/{name}/ needs a templates/ or static/ folder (or omit `theme` for the built-in one)"
        ));
    }
    Ok(Some(folder))
}

/// The templates of a build.
pub struct Templates {
    /// The templates, compiled.
    pub tera: tera::Tera,
    /// Each template's name, text and file, to find where a render error is.
    sources: Vec<(String, String, PathBuf)>,
}

impl Templates {
    /// Where a render error of `template` is. Tera names the template but gives no line, so
    /// the first `quoted` name of its message (a variable, filter, function or template) is
    /// looked up in that template, then in the others; `None` when it is nowhere.
    pub fn locate(&self, template: &str, message: &str) -> Option<(&Path, usize, usize)> {
        let name = message.split('`').nth(1).filter(|name| !name.is_empty())?;
        let own = self.sources.iter().filter(|(n, _, _)| n == template);
        let others = self.sources.iter().filter(|(n, _, _)| n != template);
        own.chain(others).find_map(|(_, text, file)| {
            let (line, column) = line_column(text, text.find(name)?);
            Some((file.as_path(), line, column))
        })
    }
}

/// Loads the built-in templates, then those of each of `template_dirs` in turn over them (a
/// template of the same name replaces the earlier one).
pub fn load(root: &Path, template_dirs: &[PathBuf]) -> Result<Templates, Vec<Diagnostic>> {
    let mut sources: Vec<(String, String, PathBuf)> = TEMPLATES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned(), Path::new("themes/default/templates").join(n)))
        .collect();
    let mut errors = Vec::new();
    for templates_dir in template_dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(templates_dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(templates_dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let file = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_owned();
            match read_text(entry.path(), &file, "the template") {
                Ok(text) => {
                    sources.retain(|(n, _, _)| *n != name);
                    sources.push((name, text, file));
                }
                Err(diagnostic) => errors.push(diagnostic),
            }
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escape also rewrites `/`, which makes every URL unreadable in the output.
    tera.set_escape_fn(crate::highlight::escape);
    // Each template is parsed on its own first, for every syntax error with its file; then
    // all are added at once, since one may extend or import another that comes after it.
    for (name, text, file) in &sources {
        if let Err(e) = tera::Template::new(name, None, text) {
            errors.push(template_error(file, &tera::Error::chain(format!("Failed to parse '{name}'"), e)));
        }
    }
    if errors.is_empty() {
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(name, text, _)| (name, text))) {
            errors.push(link_error(&sources, &e));
        }
    }
    if errors.is_empty() {
        errors.extend(cycles(&tera, &sources));
    }
    if errors.is_empty() {
        Ok(Templates { tera, sources })
    } else {
        Err(errors)
    }
}

/// The loops that would make rendering never end: Tera recurses without a limit and the
/// process dies of a stack overflow, with no message. Found in the parsed templates:
///
/// - a template that includes itself, directly or through others, or through a macro that
///   includes it; a macro that calls itself, directly or through others. Only what is
///   rendered whatever the data counts: an `{% include %}` or a call under an `if` (but its
///   first condition) or in a `for` body may end, as a menu that includes itself for each
///   child does. A template that extends another cannot be included (Tera refuses), so it
///   is never part of such a loop.
/// - a template that imports itself, directly or through others (`{% import %}`): Tera loads
///   the macros of the imported files before rendering, recursively.
///
/// Circular `extends` Tera reports itself when linking the templates. Each loop is reported
/// once, at the tag that closes it in a walk of the templates in order of their names.
fn cycles(tera: &tera::Tera, sources: &[(String, String, PathBuf)]) -> Vec<Diagnostic> {
    let mut names: Vec<&str> = tera.get_template_names().collect();
    names.sort_unstable();
    let mut imports = BTreeMap::new();
    let mut renders = BTreeMap::new();
    for name in names {
        let template = tera.get_template(name).expect("a listed template");
        let imported = template.imported_macro_files.iter().enumerate().map(|(ordinal, (file, _))| {
            (file.clone(), Site { template: name.to_owned(), in_macro: None, tag: Tag::Import, ordinal })
        });
        imports.insert(name.to_owned(), first_of_each(imported));
        if template.parent.is_none() {
            renders.insert(Unit::Template(name.to_owned()), Entries::of(tera, name, None, &template.ast));
        }
        for (macro_name, definition) in &template.macros {
            let entries = Entries::of(tera, name, Some(macro_name), &definition.body);
            renders.insert(Unit::Macro(name.to_owned(), macro_name.clone()), entries);
        }
    }
    let import_loops = find_cycles(&imports).into_iter().map(|(chain, site)| {
        let names: Vec<&str> = chain.iter().map(String::as_str).collect();
        (format!("{} imports itself ({})", chain[0], names.join(" → ")), site)
    });
    let render_loops = find_cycles(&renders).into_iter().map(|(chain, site)| {
        let names: Vec<String> = chain.iter().map(Unit::to_string).collect();
        let message = match &chain[0] {
            Unit::Template(name) => format!("{name} includes itself ({})", names.join(" → ")),
            Unit::Macro(..) => format!("the macro {} calls itself ({})", names[0], names.join(" → ")),
        };
        (message, site)
    });
    import_loops
        .chain(render_loops)
        .map(|(message, site)| {
            let message = format!("template error: {message}");
            let Some((_, text, file)) = sources.iter().find(|(name, _, _)| *name == site.template) else {
                return Diagnostic::file(Path::new("templates"), message);
            };
            match site.find_in(text) {
                Some(offset) => {
                    let (line, column) = line_column(text, offset);
                    Diagnostic::at(file, line, column, message)
                }
                None => Diagnostic::file(file, message),
            }
        })
        .collect()
}

/// What rendering enters: a template on its own (rendered, or included), or a macro, by the
/// template that defines it and its name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro(String, String),
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unit::Template(name) => write!(f, "{name}"),
            Unit::Macro(template, name) => write!(f, "{template}::{name}"),
        }
    }
}

/// Where, in the text of `template`, one unit enters another: the `ordinal`-th tag (from 0)
/// of that kind, counted outside macros or, with `in_macro`, in that macro's body.
#[derive(Clone, Debug)]
struct Site {
    template: String,
    in_macro: Option<String>,
    tag: Tag,
    ordinal: usize,
}

/// A kind of tag: `{% include %}`, `{% import %}`, or a call `namespace::name(…)`.
#[derive(Clone, Debug)]
enum Tag {
    Include,
    Import,
    Call(String, String),
}

impl Site {
    /// The byte offset of this tag in the template's text; the first of its kind if there
    /// are fewer than counted (a syntax this search does not know).
    fn find_in(&self, text: &str) -> Option<usize> {
        let mut in_macro: Option<&str> = None;
        let mut found = Vec::new();
        for tag in text_tags(text) {
            let inner = &text[tag.start + 2..tag.end - 2];
            match tag.keyword {
                "macro" => {
                    let rest = inner.trim_start_matches('-').trim_start()["macro".len()..].trim_start();
                    in_macro = Some(&rest[..rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len())]);
                    continue;
                }
                "endmacro" => {
                    in_macro = None;
                    continue;
                }
                _ if in_macro != self.in_macro.as_deref() => continue,
                _ => {}
            }
            match &self.tag {
                Tag::Include if tag.keyword == "include" => found.push(tag.start),
                Tag::Import if tag.keyword == "import" => found.push(tag.start),
                Tag::Call(namespace, name) => {
                    let call = format!("{namespace}::{name}");
                    found.extend(inner.match_indices(&call).filter_map(|(at, _)| {
                        let before = inner[..at].chars().next_back();
                        let after = inner[at + call.len()..].trim_start();
                        (!before.is_some_and(is_name_char) && after.starts_with('('))
                            .then_some(tag.start + 2 + at)
                    }));
                }
                _ => {}
            }
        }
        found.get(self.ordinal).or(found.first()).copied()
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A `{{ … }}` or `{% … %}` of a template's text, by byte offsets (`end` after its closing
/// braces), with its keyword (`include`, `macro`, …; empty for `{{ }}`).
struct TextTag<'t> {
    start: usize,
    end: usize,
    keyword: &'t str,
}

/// The tags of a template's text, in order, leaving out comments and `{% raw %}` sections.
fn text_tags(text: &str) -> Vec<TextTag<'_>> {
    let keyword = |start: usize, end: usize| {
        let inner = text[start + 2..end - 2].trim_start_matches('-').trim_start();
        &inner[..inner.find(|c: char| !is_name_char(c)).unwrap_or(inner.len())]
    };
    let mut tags = Vec::new();
    let mut at = 0;
    let mut raw = false;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let closer = match text.as_bytes().get(start + 1) {
            Some(b'{') if !raw => "}}",
            Some(b'%') => "%}",
            Some(b'#') if !raw => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let Some(end) = tag_end(text, start + 2, closer) else { break };
        at = end;
        if closer == "#}" {
            continue;
        }
        let keyword = if closer == "%}" { keyword(start, end) } else { "" };
        match (raw, keyword) {
            (true, "endraw") => raw = false,
            (true, _) => {}
            (false, "raw") => raw = true,
            (false, _) => tags.push(TextTag { start, end, keyword }),
        }
    }
    tags
}

/// Where a tag whose text starts at `from` ends, after `closer`; quoted strings are skipped
/// (not in comments).
fn tag_end(text: &str, from: usize, closer: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote = None;
    for i in from..bytes.len() {
        match quote {
            Some(q) if bytes[i] == q => quote = None,
            Some(_) => {}
            None if bytes[i..].starts_with(closer.as_bytes()) => return Some(i + closer.len()),
            None if closer != "#}" && matches!(bytes[i], b'"' | b'\'' | b'`') => quote = Some(bytes[i]),
            None => {}
        }
    }
    None
}

/// Each target once, with the first site that reaches it.
fn first_of_each<N: PartialEq>(edges: impl Iterator<Item = (N, Site)>) -> Vec<(N, Site)> {
    let mut kept: Vec<(N, Site)> = Vec::new();
    for (target, site) in edges {
        if !kept.iter().any(|(t, _)| *t == target) {
            kept.push((target, site));
        }
    }
    kept
}

/// The cycles of a graph, each found at the edge that closes it in a depth-first walk from
/// each node in order: the nodes from that edge's start round to it again, and the edge.
fn find_cycles<N: Ord + Clone>(graph: &BTreeMap<N, Vec<(N, Site)>>) -> Vec<(Vec<N>, Site)> {
    fn visit<'g, N: Ord + Clone>(
        node: &'g N,
        graph: &'g BTreeMap<N, Vec<(N, Site)>>,
        path: &mut Vec<&'g N>,
        done: &mut BTreeSet<&'g N>,
        found: &mut Vec<(Vec<N>, Site)>,
    ) {
        path.push(node);
        for (next, site) in graph.get(node).into_iter().flatten() {
            if let Some(at) = path.iter().position(|n| *n == next) {
                let cycle = std::iter::once(node).chain(path[at..].iter().copied()).cloned().collect();
                found.push((cycle, site.clone()));
            } else if !done.contains(next) {
                visit(next, graph, path, done, found);
            }
        }
        path.pop();
        done.insert(node);
    }
    let (mut path, mut done, mut found) = (Vec::new(), BTreeSet::new(), Vec::new());
    for node in graph.keys() {
        if !done.contains(node) {
            visit(node, graph, &mut path, &mut done, &mut found);
        }
    }
    found
}

/// The units that a body of nodes enters whatever the data, with where: outside any `if`
/// (but its first condition) or `for` body, and outside the right side of `and` and `or`.
/// Every include and call is counted, entered or not, to find its tag in the text.
struct Entries<'a> {
    tera: &'a tera::Tera,
    template: &'a str,
    in_macro: Option<&'a str>,
    includes: usize,
    calls: HashMap<(String, String), usize>,
    found: Vec<(Unit, Site)>,
}

impl<'a> Entries<'a> {
    /// What `body`, written in `template` (in its macro `in_macro`), enters.
    fn of(
        tera: &'a tera::Tera,
        template: &'a str,
        in_macro: Option<&'a str>,
        body: &[Node],
    ) -> Vec<(Unit, Site)> {
        let mut entries =
            Entries { tera, template, in_macro, includes: 0, calls: HashMap::new(), found: Vec::new() };
        entries.nodes(body, true);
        first_of_each(entries.found.into_iter())
    }

    fn enter(&mut self, unit: Unit, tag: Tag, ordinal: usize) {
        let site = Site {
            template: self.template.to_owned(),
            in_macro: self.in_macro.map(str::to_owned),
            tag,
            ordinal,
        };
        self.found.push((unit, site));
    }

    fn nodes(&mut self, nodes: &[Node], always: bool) {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => {
                    let ordinal = self.includes;
                    self.includes += 1;
                    // Tera renders the first that exists, and refuses one that extends another.
                    let included = names.iter().find_map(|name| self.tera.get_template(name).ok());
                    if let Some(included) = included.filter(|t| always && t.parent.is_none()) {
                        self.enter(Unit::Template(included.name.clone()), Tag::Include, ordinal);
                    }
                }
                Node::VariableBlock(_, expr) => self.expr(expr, always),
                Node::Set(_, set) => self.expr(&set.value, always),
                Node::FilterSection(_, section, _) => {
                    self.call(&section.filter, always);
                    self.nodes(&section.body, always);
                }
                Node::Block(_, block, _) => self.nodes(&block.body, always),
                Node::Forloop(_, forloop, _) => {
                    self.expr(&forloop.container, always);
                    self.nodes(&forloop.body, false);
                    self.nodes(forloop.empty_body.as_deref().unwrap_or_default(), false);
                }
                Node::If(branches, _) => {
                    for (index, (_, condition, body)) in branches.conditions.iter().enumerate() {
                        self.expr(condition, always && index == 0);
                        self.nodes(body, false);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body, false);
                    }
                }
                // Macro definitions are entered when called; the rest renders nothing else.
                _ => {}
            }
        }
    }

    fn expr(&mut self, expr: &Expr, always: bool) {
        self.value(&expr.val, always);
        for filter in &expr.filters {
            self.call(filter, always);
        }
    }

    fn call(&mut self, call: &FunctionCall, always: bool) {
        for argument in call.args.values() {
            self.expr(argument, always);
        }
    }

    fn value(&mut self, value: &ExprVal, always: bool) {
        match value {
            ExprVal::MacroCall(call) => {
                let count = self.calls.entry((call.namespace.clone(), call.name.clone())).or_default();
                let ordinal = *count;
                *count += 1;
                let defined_in = macro_template(self.tera, self.template, &call.namespace, &mut Vec::new());
                let defined_in = defined_in
                    .filter(|t| self.tera.get_template(t).is_ok_and(|t| t.macros.contains_key(&call.name)));
                if let Some(defined_in) = defined_in.filter(|_| always) {
                    let tag = Tag::Call(call.namespace.clone(), call.name.clone());
                    self.enter(Unit::Macro(defined_in, call.name.clone()), tag, ordinal);
                }
                for argument in call.args.values() {
                    self.expr(argument, always);
                }
            }
            ExprVal::FunctionCall(call) => self.call(call, always),
            ExprVal::Math(math) => {
                self.expr(&math.lhs, always);
                self.expr(&math.rhs, always);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs, always);
                let short_circuit = matches!(logic.operator, LogicOperator::And | LogicOperator::Or);
                self.expr(&logic.rhs, always && !short_circuit);
            }
            ExprVal::In(test) => {
                self.expr(&test.lhs, always);
                self.expr(&test.rhs, always);
            }
            ExprVal::Test(test) => test.args.iter().for_each(|argument| self.expr(argument, always)),
            ExprVal::Array(items) => items.iter().for_each(|item| self.expr(item, always)),
            ExprVal::StringConcat(concat) => concat.values.iter().for_each(|part| self.value(part, always)),
            _ => {}
        }
    }
}

/// The template whose macros `namespace::` names in `template`, looked up as Tera does:
/// `self` (its own macros), the files it imports, the files they import, then its parents'.
fn macro_template(
    tera: &tera::Tera,
    template: &str,
    namespace: &str,
    seen: &mut Vec<String>,
) -> Option<String> {
    if seen.iter().any(|s| s == template) {
        return None;
    }
    seen.push(template.to_owned());
    let found = tera.get_template(template).ok()?;
    if namespace == "self" && !found.macros.is_empty() {
        return Some(template.to_owned());
    }
    if let Some((file, _)) = found.imported_macro_files.iter().find(|(_, n)| n == namespace) {
        return Some(file.clone());
    }
    let imported = found.imported_macro_files.iter().map(|(file, _)| file);
    imported.chain(&found.parents).find_map(|next| macro_template(tera, next, namespace, seen))
}

/// A Tera error with its whole cause chain on one line.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// An error of Tera's linking of the templates (a missing or circular parent, a missing file
/// of macros), placed in the template it names first.
fn link_error(sources: &[(String, String, PathBuf)], error: &tera::Error) -> Diagnostic {
    let message = chain(error);
    let named = match &error.kind {
        tera::ErrorKind::MissingParent { current, .. } => Some(current.as_str()),
        tera::ErrorKind::CircularExtend { tpl, .. } => Some(tpl.as_str()),
        _ => message.split(['`', '\'']).skip(1).step_by(2).find(|n| sources.iter().any(|(s, _, _)| s == n)),
    };
    let file = named.and_then(|n| sources.iter().find(|(s, _, _)| s == n)).map(|(_, _, file)| file.as_path());
    Diagnostic::file(file.unwrap_or(Path::new("templates")), format!("template error: {message}"))
}

/// A template syntax error, with the line and column Tera reports in its message.
fn template_error(file: &Path, error: &tera::Error) -> Diagnostic {
    let message = chain(error);
    // Tera's parse errors contain "--> LINE:COLUMN".
    let position = message.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match position {
        Some((line, column)) => Diagnostic::at(file, line, column, format!("template error: {message}")),
        None => Diagnostic::file(file, format!("template error: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder for one test, with these templates.
    fn site(name: &str, templates: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("ayuda-theme-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in templates {
            let file = root.join("templates").join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        root
    }

    /// The report of `load` on a site with these templates, one diagnostic a line.
    fn errors(name: &str, templates: &[(&str, &str)]) -> String {
        let root = site(name, templates);
        let result = load(&root, &[root.join("templates")]);
        std::fs::remove_dir_all(&root).unwrap();
        match result {
            Ok(_) => String::new(),
            Err(diagnostics) => diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        }
    }

    #[test]
    fn a_template_may_extend_or_import_one_that_comes_after_it() {
        let templates = [
            ("a.html", "{% extends \"z.html\" %}{% block x %}{{ m::hola() }}{% endblock x %}"),
            ("b.html", "{% import \"z-macros.html\" as m %}{{ m::hola() }}"),
            ("z.html", "{% import \"z-macros.html\" as m %}<p>{% block x %}{% endblock x %}</p>"),
            ("z-macros.html", "{% macro hola() %}hola{% endmacro %}"),
        ];
        assert_eq!(errors("order", &templates), "");
    }

    #[test]
    fn a_missing_parent_or_macro_file_is_placed_in_the_template_that_names_it() {
        assert_eq!(
            errors("no-parent", &[("b.html", "{% extends \"falta.html\" %}"), ("c.html", "")]),
            "templates/b.html: template error: Template 'b.html' is inheriting from 'falta.html', \
             which doesn't exist or isn't loaded.\n"
        );
        assert_eq!(
            errors("no-macros", &[("b.html", "{% import \"falta.html\" as f %}"), ("c.html", "")]),
            "templates/b.html: template error: Template `b.html` loads macros from `falta.html` \
             which isn't present in Tera\n"
        );
    }

    #[test]
    fn a_template_that_includes_itself_is_an_error_at_the_include() {
        assert_eq!(
            errors(
                "self",
                &[(
                    "a.html",
                    "{% raw %}{% include \"a.html\" %}{% endraw %}{{ \"%}\" }}\n  {%- include \"a.html\" %}"
                )]
            ),
            "templates/a.html:2:3: template error: a.html includes itself (a.html → a.html)\n"
        );
        // Through another, through a list with `ignore missing`, in a block or a filter section.
        let templates = [
            ("a.html", "{% block x %}{% include \"b.html\" %}{% endblock x %}"),
            ("b.html", "{# {% include \"c.html\" %} #}{% filter upper %}{% include [\"no.html\", \"a.html\"] ignore missing %}{% endfilter %}"),
        ];
        assert_eq!(
            errors("through", &templates),
            "templates/b.html:1:47: template error: b.html includes itself (b.html → a.html → b.html)\n"
        );
    }

    #[test]
    fn an_include_under_an_if_or_a_for_may_end_and_is_allowed() {
        let templates = [
            (
                "arbol.html",
                "{{ nodo.nombre }}{% for hijo in nodo.hijos %}{% set nodo = hijo %}{% include \"arbol.html\" %}{% endfor %}",
            ),
            (
                "b.html",
                "{{ nodo.nombre }}{% if nodo.siguiente %}{% set nodo = nodo.siguiente %}{% include \"b.html\" %}{% endif %}",
            ),
            ("c.html", "{{ x and self::m() }}{% macro m() %}{% include \"c.html\" %}{% endmacro %}"),
        ];
        assert_eq!(errors("tree", &templates), "");
    }

    #[test]
    fn a_macro_that_calls_itself_unconditionally_is_an_error() {
        let templates = [(
            "m.html",
            "{% macro cuenta(n) %}{{ n }}{% if n > 0 %}{{ self::cuenta(n=n - 1) }}{% endif %}{% endmacro %}\n\
             {% macro bucle() %}{% set x = self::bucle() %}{% endmacro %}\n\
             {% macro ida() %}{{ self::vuelta() | upper }}{% endmacro %}\n\
             {% macro vuelta() %}<b>{{ self::ida() }}</b>{% endmacro %}\n",
        )];
        assert_eq!(
            errors("macros", &templates),
            "templates/m.html:2:31: template error: the macro m.html::bucle calls itself (m.html::bucle → m.html::bucle)\n\
             templates/m.html:4:27: template error: the macro m.html::vuelta calls itself \
             (m.html::vuelta → m.html::ida → m.html::vuelta)\n"
        );
    }

    #[test]
    fn a_template_that_includes_itself_through_a_macro_is_an_error() {
        let templates = [
            ("m.html", "{% macro m() %}\n{% include \"page.html\" %}{% endmacro %}"),
            ("page.html", "{% import \"m.html\" as x %}\n{% if false %}{{ x::m() }}{% endif %}{{ x::m() }}"),
        ];
        assert_eq!(
            errors("via-macro", &templates),
            "templates/m.html:2:1: template error: the macro m.html::m calls itself (m.html::m → page.html → m.html::m)\n"
        );
    }

    #[test]
    fn a_template_that_imports_itself_is_an_error_at_the_import() {
        let templates = [
            ("a.html", "{% import \"b.html\" as b %}"),
            ("b.html", "{% import \"c.html\" as c %}\n{% import \"a.html\" as a %}"),
            ("c.html", "{% macro m() %}{% endmacro %}"),
            ("d.html", "{% import \"d.html\" as d %}"),
        ];
        assert_eq!(
            errors("imports", &templates),
            "templates/b.html:2:1: template error: b.html imports itself (b.html → a.html → b.html)\n\
             templates/d.html:1:1: template error: d.html imports itself (d.html → d.html)\n"
        );
    }

    #[test]
    fn circular_extends_are_reported_by_tera() {
        let errors = errors(
            "extends",
            &[("a.html", "{% extends \"b.html\" %}"), ("b.html", "{% extends \"a.html\" %}")],
        );
        // Tera finds it from whichever template it looks at first.
        let found = ["a.html", "b.html"].map(|name| {
            errors.starts_with(&format!(
                "templates/{name}: template error: Circular extend detected for template '{name}'"
            ))
        });
        assert!(found.contains(&true) && errors.lines().count() == 1, "{errors}");
    }
}
