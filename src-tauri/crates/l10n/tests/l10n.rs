//! The shipped translations are complete and well-formed: every file parses, and every locale has
//! exactly English's message ids with exactly English's variables (issue 6: checks in make test).

use fluent_syntax::ast;
use peerlib_l10n::{sources, Localizer, Value, AVAILABLE};
use std::collections::{BTreeMap, BTreeSet};

/// message or term id -> the variables it uses (in the value and in every attribute).
fn catalogue(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let files = sources(locale);
    assert!(!files.is_empty(), "locale {locale} ships no .ftl files");
    for (name, text) in files {
        let res = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errs)| panic!("{locale}/{name} must parse: {errs:?}"));
        for entry in res.body {
            let (id, value, attrs) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            let mut vars = BTreeSet::new();
            if let Some(v) = &value {
                collect_vars(v, &mut vars);
            }
            for a in &attrs {
                collect_vars(&a.value, &mut vars);
            }
            assert!(out.insert(id.clone(), vars).is_none(), "{locale}: id {id} defined twice");
        }
    }
    out
}

fn collect_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_expr(expression, vars);
        }
    }
}

fn collect_expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => collect_inline(i, vars),
    }
}

fn collect_inline(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                collect_inline(a, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => collect_expr(expression, vars),
        _ => {}
    }
}

#[test]
fn every_locale_has_exactly_the_english_ids_and_variables() {
    let en = catalogue("en");
    assert!(en.len() > 10, "English should carry the app's strings");
    for loc in AVAILABLE.iter().filter(|l| **l != "en") {
        let other = catalogue(loc);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{loc} lacks ids that English has: {missing:?}");
        assert!(extra.is_empty(), "{loc} has ids English lacks: {extra:?}");
        for (id, vars) in &en {
            assert_eq!(&other[id], vars, "{loc}: {id} must use the same variables as English");
        }
    }
}

#[test]
fn russian_plurals_follow_cldr_one_few_many() {
    let ru = Localizer::new("ru");
    let n = |c: i64| ru.tr_args("library-count", &[("count", Value::from(c))]);
    assert_eq!(n(1), "1 документ");
    assert_eq!(n(3), "3 документа");
    assert_eq!(n(5), "5 документов");
    assert_eq!(n(21), "21 документ", "21 takes the 'one' form in Russian");
    let en = Localizer::new("en");
    assert_eq!(en.tr_args("library-count", &[("count", Value::from(1))]), "1 document");
    assert_eq!(en.tr_args("library-count", &[("count", Value::from(2))]), "2 documents");
}

#[test]
fn an_unshipped_locale_formats_in_english_and_a_missing_id_shows_itself() {
    let l = Localizer::new("de");
    assert_eq!(l.locale(), "en");
    assert_eq!(l.tr("no-such-message-id"), "no-such-message-id");
}

#[test]
fn the_pseudo_locale_is_accented_longer_and_keeps_variables_in_debug_builds() {
    use peerlib_l10n::{Localizer, PSEUDO};
    assert_eq!(peerlib_l10n::pseudo("Settings"), "[Šééţţîîñĝš]");
    if cfg!(debug_assertions) {
        assert!(peerlib_l10n::selectable().contains(&PSEUDO));
        let l = Localizer::for_user(Some(PSEUDO));
        assert_eq!(l.locale(), PSEUDO);
        let s = l.tr_args("library-count", &[("count", 12.into())]);
        assert!(s.contains("12") && !s.contains("documents") && s.chars().count() > 16, "{s}");
    } else {
        assert!(!peerlib_l10n::selectable().contains(&PSEUDO), "release builds never offer it");
    }
}
