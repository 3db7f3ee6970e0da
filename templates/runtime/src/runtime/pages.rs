//! Paging through a history: [`pages`](fn@pages) sends an operation again and again, moving a cursor
//! parameter (`before`, `after`) each time, and yields the items one by one as a [`Pages`]
//! stream.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;

use crate::runtime::Error;
use crate::runtime::operation::{Operation, RequestBuilder};

/// The items of a paged history, one at a time, as a [`Stream`] of `Result<I, Error>`; made by
/// an operation's `history(limit)` method.
///
/// Each page is requested when the items before it have been taken. The stream ends after
/// `limit` items, at an empty page or a page without a next cursor, when the service answers
/// a page whose cursor was used before (a service that repeats itself does not make it loop),
/// or after yielding an error. At most one page is held in memory.
///
/// Read it with [`next`](Self::next), or with the combinators of `futures`' `StreamExt` and
/// `TryStreamExt`:
///
/// ```no_run
/// # async fn example<I: std::fmt::Debug>(mut history: sdk_runtime::Pages<I>) -> Result<(), sdk_runtime::Error> {
/// // `history` is what an operation's `history(500)` returned: at most 500 items.
/// while let Some(item) = history.next().await {
///     println!("{:?}", item?);
/// }
/// # Ok(())
/// # }
/// ```
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<I> {
    inner: Pin<Box<dyn Stream<Item = Result<I, Error>> + Send>>,
}

impl<I> fmt::Debug for Pages<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<I> Pages<I> {
    /// The next item, `None` at the end; requests the next page when needed.
    pub async fn next(&mut self) -> Option<Result<I, Error>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}

impl<I> Stream for Pages<I> {
    type Item = Result<I, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Takes a page apart: its items, and the cursor of the next page (`None`: this is the last).
pub type Split<P, I> = fn(<P as Operation>::Output) -> (Vec<I>, Option<String>);

/// Where a history stands between two items.
struct State<P: Operation, I> {
    builder: RequestBuilder<P>,
    set_cursor: fn(&mut P, String),
    split: Split<P, I>,
    /// Items of the current page not yet yielded.
    buffer: VecDeque<I>,
    /// Items the stream may still yield.
    remaining: usize,
    /// Cursors already requested.
    seen: HashSet<String>,
    /// No more pages are requested.
    done: bool,
}

/// Pages through `builder`'s operation: sends it, yields the items `split` takes from the
/// answer, moves the cursor to the one `split` gives (`set_cursor` writes it into the
/// parameters: `|p, c| p.before = Some(c)` to page backwards through a history by the oldest
/// item's id), and sends again, until `limit` items have been yielded, a page is empty or
/// gives no cursor, a cursor comes back that was already requested (that page's items are not
/// yielded again), or a request fails (the error is the last item).
///
/// Generated code wraps it for operations that page this way:
///
/// ```text
/// impl GetChatsRoomMessagesRequest {
///     pub fn history(self, limit: usize) -> crate::runtime::Pages<crate::models::ChatMessage> {
///         crate::runtime::pages(self, limit, |p, c| p.before = Some(c), |page| {
///             let messages = page.entities.unwrap_or_default();
///             let oldest = messages.last().and_then(|m| m.id.clone());
///             (messages, oldest)
///         })
///     }
/// }
/// ```
pub fn pages<P, I>(
    builder: RequestBuilder<P>,
    limit: usize,
    set_cursor: fn(&mut P, String),
    split: Split<P, I>,
) -> Pages<I>
where
    P: Operation,
    I: Send + 'static,
{
    let state = State {
        builder,
        set_cursor,
        split,
        buffer: VecDeque::new(),
        remaining: limit,
        seen: HashSet::new(),
        done: limit == 0,
    };
    let stream = futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if state.remaining == 0 {
                return None;
            }
            if let Some(item) = state.buffer.pop_front() {
                state.remaining -= 1;
                return Some((Ok(item), state));
            }
            if state.done {
                return None;
            }
            match state.builder.clone().send().await {
                Err(error) => {
                    state.done = true;
                    return Some((Err(error), state));
                }
                Ok(page) => state.take(page),
            }
        }
    });
    Pages {
        inner: Box::pin(stream),
    }
}

impl<P: Operation, I> State<P, I> {
    /// Takes a page's items and moves the cursor past it, or ends the history.
    fn take(&mut self, page: P::Output) {
        let (items, next) = (self.split)(page);
        if items.is_empty() {
            self.done = true;
            return;
        }
        match next {
            None => self.done = true,
            Some(cursor) if self.seen.contains(&cursor) => {
                tracing::warn!(
                    cursor = cursor.as_str(),
                    "the service answered a page that was already read; the history ends here"
                );
                self.done = true;
                return;
            }
            Some(cursor) => {
                self.seen.insert(cursor.clone());
                (self.set_cursor)(&mut self.builder.params, cursor);
            }
        }
        self.buffer.extend(items.into_iter().take(self.remaining));
    }
}
