//! What the library is narrowed by, and how that becomes SQL over `d` (documents).

use crate::model::*;
use rusqlite::types::Value;

/// The user's own marks, from user.db, for the bookmarked and unread filters.
#[derive(Debug, Default, Clone)]
pub struct UserMarks {
    pub bookmarked: Vec<String>,
    pub read: Vec<String>,
}

/// The filters as `AND ...` clauses over `d` (documents), with their arguments.
pub(crate) fn filter_clauses(q: &Filters, marks: &UserMarks) -> (String, Vec<Value>) {
    let mut filters = String::new();
    let mut args: Vec<Value> = vec![];
    let mut add = |clause: &dyn Fn(&str) -> String, v: Value| {
        args.push(v);
        filters.push_str(" AND ");
        filters.push_str(&clause(&format!("?{}", args.len())));
    };
    if let Some(k) = q.kind {
        add(&|p| format!("d.kind = {p}"), Value::Text(k.as_str().into()));
    }
    if let Some(l) = &q.language {
        add(&|p| format!("(d.language = {p} OR d.language LIKE {p} || '-%')"), Value::Text(l.clone()));
    }
    if let Some(t) = &q.tag {
        add(&|p| format!("EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = {p})"), Value::Text(t.clone()));
    }
    if let Some(p) = &q.publisher {
        add(&|a| format!("EXISTS (SELECT 1 FROM document_publishers p WHERE p.document_id = d.id AND p.name = {a})"), Value::Text(p.clone()));
    }
    if let Some(y) = q.year {
        add(&|p| format!("substr(d.published, 1, 4) = {p}"), Value::Text(format!("{y:04}")));
    }
    if q.bookmarked {
        let ids = serde_json::to_string(&marks.bookmarked).expect("strings serialise");
        add(&|p| format!("d.id IN (SELECT value FROM json_each({p}))"), Value::Text(ids));
    }
    if q.unread {
        let ids = serde_json::to_string(&marks.read).expect("strings serialise");
        add(&|p| format!("d.id NOT IN (SELECT value FROM json_each({p}))"), Value::Text(ids));
    }
    if let Some(has) = q.has_attachment {
        let not = if has { "" } else { "NOT " };
        filters.push_str(&format!(" AND {not}EXISTS (SELECT 1 FROM document_attachments a WHERE a.document_id = d.id)"));
    }
    (filters, args)
}

