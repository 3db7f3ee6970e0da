//! Histories: operations that page backwards through time get a `history(limit)` stream.
//!
//! An operation pages this way when it is a `GET` with an optional string query parameter
//! `before` (the cutoff of the next page) and a JSON response that is either a listing (a
//! model whose `entities` field holds the items) or a single item, where an item is a model
//! with an optional date-time `dateCreated`. Each page's oldest `dateCreated` is the next
//! page's `before`: the chat histories of Genesys Cloud (`get_chats_room_messages`,
//! `get_chats_thread_messages`, `get_chats_user_messages`). Where the operation also takes
//! `after`, that is the history's lower bound: set on the builder, it goes with every page, and
//! the service's last page is the one that reaches it.

use std::collections::BTreeMap;

use crate::ir::{Location, Model, Operation, Paging, ResponseKind};

/// Finds the operations that page, and describes how.
pub(super) fn detect<'o>(operations: impl Iterator<Item = &'o mut Operation>, models: &[Model]) {
    let by_path: BTreeMap<String, &Model> = models
        .iter()
        .map(|m| (format!("crate::models::{}", m.rust_name), m))
        .collect();
    fn dated(m: &Model) -> Option<&crate::ir::Field> {
        m.fields.iter().find(|f| {
            f.wire_name == "dateCreated" && f.rust_type == "Option<crate::types::DateTime>"
        })
    }
    for op in operations {
        if op.method != "GET" || op.response.kind != ResponseKind::Json {
            continue;
        }
        let Some(cursor) = op.optional.iter().find(|p| {
            p.location == Location::Query && p.wire_name == "before" && p.rust_type == "String"
        }) else {
            continue;
        };
        let Some(page) = by_path.get(&op.response.rust_type) else {
            continue;
        };
        let listing = page
            .fields
            .iter()
            .find(|f| f.wire_name == "entities")
            .and_then(|f| {
                let item = f
                    .rust_type
                    .strip_prefix("Option<Vec<")?
                    .strip_suffix(">>")?;
                Some((f, item, *by_path.get(item)?))
            });
        // The expression that takes a page's items: its listing field, or (no listing) the page
        // itself, decided once the item's date is known.
        let (items, item_type, item) = match listing {
            Some((field, item_type, item)) => (
                Some(format!("page.{}.unwrap_or_default()", field.rust_name)),
                item_type.to_owned(),
                item,
            ),
            None => (None, op.response.rust_type.clone(), *page),
        };
        let Some(date) = dated(item) else { continue };
        // A single item; one without a date ends the history.
        let items = items.unwrap_or_else(|| {
            format!(
                "if page.{0}.is_some() {{ vec![page] }} else {{ Vec::new() }}",
                date.rust_name
            )
        });
        let since = op
            .optional
            .iter()
            .find(|p| {
                p.location == Location::Query && p.wire_name == "after" && p.rust_type == "String"
            })
            .map(|p| p.rust_name.clone());
        op.paging = Some(Paging {
            cursor: cursor.rust_name.clone(),
            cursor_wire: cursor.wire_name.clone(),
            item_type,
            items,
            date: date.rust_name.clone(),
            since,
        });
    }
}
