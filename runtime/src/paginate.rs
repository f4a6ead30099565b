//! Following pagination tokens.
//!
//! The walk works on the wire JSON, so it is compiled once for every paginator; the generated
//! code only names a [`PaginatorSpec`] and the types pages and items decode into
//! ([`Paginated`]).
//!
//! Tokens, the limit and result keys are wire member names. A dotted name (`Result.Next`)
//! walks into nested objects; other JMESPath forms (`Items[-1].Id`, `A || B`) are not
//! supported and read as an absent token, which ends the walk after the first page.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt};
use serde_json::Value;

use crate::client::{decode, ClientHandle};
use crate::json::FromJson;
use crate::{CallError, OperationSpec};

/// How a paginated operation is walked, as the service documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaginatorSpec {
    /// The operation walked.
    pub operation: &'static OperationSpec,
    /// Input members that take the tokens, paired by position with `output_token`.
    pub input_token: &'static [&'static str],
    pub output_token: &'static [&'static str],
    /// The input member that limits the page size, if the operation has one.
    pub limit_key: Option<&'static str>,
    /// Output members holding the results. The first one is what items streams yield and
    /// what `max_items` counts.
    pub result_key: &'static [&'static str],
    /// The boolean output member saying whether more pages follow (`IsTruncated`): when it
    /// is `false` the walk ends even if a token came back.
    pub more_results: Option<&'static str>,
}

/// Where a walk starts: the token values to send first, in [`PaginatorSpec::input_token`]
/// order. For the usual single-token paginator, build it from the one value.
#[derive(Debug, Clone, PartialEq)]
pub struct PageToken(pub Vec<Value>);

impl From<Value> for PageToken {
    fn from(value: Value) -> Self {
        PageToken(vec![value])
    }
}

impl From<&str> for PageToken {
    fn from(value: &str) -> Self {
        PageToken(vec![Value::String(value.to_owned())])
    }
}

impl From<String> for PageToken {
    fn from(value: String) -> Self {
        PageToken(vec![Value::String(value)])
    }
}

/// boto3's `PaginationConfig`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PaginationConfig {
    /// Sent as the operation's limit key on every request (ignored without one).
    pub page_size: Option<i64>,
    /// Stop after this many results (counted in the first result key); the last page is cut
    /// to fit.
    pub max_items: Option<usize>,
    /// Overrides the token members of the input for the first request.
    pub starting_token: Option<PageToken>,
}

impl PaginationConfig {
    pub fn page_size(mut self, page_size: i64) -> Self {
        self.page_size = Some(page_size);
        self
    }

    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = Some(max_items);
        self
    }

    pub fn starting_token(mut self, token: impl Into<PageToken>) -> Self {
        self.starting_token = Some(token.into());
        self
    }
}

/// A stream of pages or items decoded as `T`, failing with the operation's error `E`.
///
/// Ends after the first error.
#[must_use = "streams do nothing unless polled"]
pub struct Paginated<T, E> {
    inner: BoxStream<'static, Result<Value, CallError>>,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> Paginated<T, E> {
    pub(crate) fn new(inner: BoxStream<'static, Result<Value, CallError>>) -> Self {
        Paginated { inner, _types: PhantomData }
    }
}

impl<T, E> fmt::Debug for Paginated<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginated").finish_non_exhaustive()
    }
}

impl<T: FromJson, E: From<CallError>> Stream for Paginated<T, E> {
    type Item = Result<T, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx).map(|item| item.map(|result| result.and_then(decode).map_err(E::from)))
    }
}

/// The walk's state between pages.
struct Walk {
    handle: ClientHandle,
    spec: &'static PaginatorSpec,
    /// The next request's input; `None` once the walk is over.
    input: Option<Value>,
    /// Results still allowed by `max_items`.
    remaining: Option<usize>,
}

/// The raw pages of a walk: the generic part of [`ClientHandle::paginate`].
pub(crate) fn pages(
    handle: ClientHandle,
    spec: &'static PaginatorSpec,
    mut input: Value,
    config: PaginationConfig,
) -> BoxStream<'static, Result<Value, CallError>> {
    if let Some(token) = config.starting_token {
        for (key, value) in spec.input_token.iter().zip(token.0) {
            set(&mut input, key, value);
        }
    }
    if let (Some(limit), Some(size)) = (spec.limit_key, config.page_size) {
        set(&mut input, limit, Value::from(size));
    }
    let walk = Walk { handle, spec, input: Some(input), remaining: config.max_items };
    stream::unfold(walk, next_page).boxed()
}

async fn next_page(mut walk: Walk) -> Option<(Result<Value, CallError>, Walk)> {
    let mut input = walk.input.take()?;
    if walk.remaining == Some(0) {
        return None;
    }
    let mut page = match walk.handle.call(walk.spec.operation, input.clone()).await {
        Ok(page) => page,
        Err(e) => return Some((Err(e), walk)),
    };
    if let Some(remaining) = walk.remaining.as_mut() {
        *remaining -= truncate_results(&mut page, walk.spec.result_key, *remaining);
        if *remaining == 0 {
            return Some((Ok(page), walk));
        }
    }
    let sent: Vec<Option<&Value>> = walk.spec.input_token.iter().map(|key| get(&input, key)).collect();
    let next: Vec<Option<Value>> =
        walk.spec.output_token.iter().map(|key| get(&page, key).filter(|v| is_token(v)).cloned()).collect();
    let absent = next.iter().all(Option::is_none);
    let repeated = next.iter().map(Option::as_ref).eq(sent.iter().copied());
    let finished = walk.spec.more_results.and_then(|key| get(&page, key)) == Some(&Value::Bool(false));
    if !absent && !repeated && !finished {
        for (key, value) in walk.spec.input_token.iter().zip(next) {
            match value {
                Some(value) => set(&mut input, key, value),
                None => remove(&mut input, key),
            }
        }
        walk.input = Some(input);
    }
    Some((Ok(page), walk))
}

/// The first result key's elements across `pages`: the generic part of
/// [`ClientHandle::paginate_items`].
pub(crate) fn items(
    pages: BoxStream<'static, Result<Value, CallError>>,
    spec: &'static PaginatorSpec,
) -> BoxStream<'static, Result<Value, CallError>> {
    let Some(key) = spec.result_key.first() else {
        return pages.filter_map(|page| async move { page.err().map(Err) }).boxed();
    };
    let state = (pages, VecDeque::new());
    stream::unfold(state, move |(mut pages, mut buffered)| async move {
        loop {
            if let Some(item) = buffered.pop_front() {
                return Some((Ok(item), (pages, buffered)));
            }
            match pages.next().await? {
                Ok(mut page) => {
                    if let Some(Value::Array(results)) = take(&mut page, key) {
                        buffered.extend(results);
                    }
                }
                Err(e) => return Some((Err(e), (pages, buffered))),
            }
        }
    })
    .boxed()
}

/// A usable next token: services end a walk with a missing, null or empty token.
fn is_token(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    }
}

/// Cuts every result list of `page` to `limit` elements; answers how many results the first
/// one kept.
fn truncate_results(page: &mut Value, result_key: &[&str], limit: usize) -> usize {
    let mut kept = 0;
    for (index, key) in result_key.iter().enumerate() {
        if let Some(Value::Array(results)) = get_mut(page, key) {
            results.truncate(limit);
            if index == 0 {
                kept = results.len();
            }
        }
    }
    kept
}

fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |value, key| value.get(key))
}

fn get_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    path.split('.').try_fold(value, |value, key| value.get_mut(key))
}

fn take(value: &mut Value, path: &str) -> Option<Value> {
    get_mut(value, path).map(Value::take)
}

/// Sets a (possibly dotted) member, creating the objects on the way.
fn set(value: &mut Value, path: &str, new: Value) {
    let mut target = value;
    for key in path.split('.') {
        if !target.is_object() {
            *target = Value::Object(serde_json::Map::new());
        }
        target = target.as_object_mut().expect("just made an object").entry(key).or_insert(Value::Null);
    }
    *target = new;
}

fn remove(value: &mut Value, path: &str) {
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (get_mut(value, parent), key),
        None => (Some(value), path),
    };
    if let Some(Value::Object(map)) = parent {
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::MockTransport;
    use crate::{HttpBinding, ServiceError, ServiceMeta};
    use crate::json::{JsonError, Object};
    use futures::TryStreamExt;
    use serde_json::json;
    use std::sync::Arc;

    static SERVICE: ServiceMeta = ServiceMeta { name: "test", api_version: "2024-01-01", protocol: None };
    static LIST_OP: OperationSpec = OperationSpec::named("List");
    static LIST: PaginatorSpec = PaginatorSpec {
        operation: &LIST_OP,
        input_token: &["StartKey"],
        output_token: &["LastKey"],
        limit_key: Some("Limit"),
        result_key: &["Items"],
        more_results: None,
    };

    #[derive(Debug, PartialEq)]
    struct Page {
        items: Vec<i64>,
    }

    impl FromJson for Page {
        fn from_json(value: Value) -> Result<Self, JsonError> {
            Ok(Page { items: Object::new(value, "Page")?.required("Items")? })
        }
    }

    #[derive(Debug)]
    struct Error(CallError);

    impl From<CallError> for Error {
        fn from(e: CallError) -> Self {
            Error(e)
        }
    }

    /// Serves `Items` 1..=total, `per_page` at a time (or the request's `Limit`), with the last
    /// item as the token.
    fn numbered(total: i64, per_page: i64) -> Arc<MockTransport> {
        let mock = Arc::new(MockTransport::new());
        mock.on("List", move |input| {
            let start = input.get("StartKey").and_then(Value::as_i64).unwrap_or(0);
            let size = input.get("Limit").and_then(Value::as_i64).unwrap_or(per_page);
            let end = (start + size).min(total);
            let items: Vec<i64> = (start + 1..=end).collect();
            let mut page = json!({ "Items": items });
            if end < total {
                page["LastKey"] = json!(end);
            }
            Ok(page)
        });
        mock
    }

    async fn collect<T: FromJson>(stream: Paginated<T, Error>) -> Vec<T> {
        stream.try_collect().await.unwrap()
    }

    #[tokio::test]
    async fn follows_tokens_until_the_last_page() {
        let mock = numbered(5, 2);
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let pages = collect(handle.paginate::<Page, Error>(&LIST, json!({"Table": "t"}), Default::default())).await;
        assert_eq!(pages, [Page { items: vec![1, 2] }, Page { items: vec![3, 4] }, Page { items: vec![5] }]);
        assert_eq!(
            mock.inputs("List"),
            [json!({"Table": "t"}), json!({"Table": "t", "StartKey": 2}), json!({"Table": "t", "StartKey": 4})]
        );
    }

    #[tokio::test]
    async fn items_flatten_the_first_result_key() {
        let handle = ClientHandle::new(numbered(5, 2), &SERVICE);
        let items = collect(handle.paginate_items::<i64, Error>(&LIST, json!({}), Default::default())).await;
        assert_eq!(items, [1, 2, 3, 4, 5]);
    }

    #[tokio::test]
    async fn page_size_max_items_and_starting_token_are_honoured() {
        let mock = numbered(100, 10);
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let config = PaginationConfig::default().page_size(3).max_items(5).starting_token(json!(10));
        let pages = collect(handle.paginate::<Page, Error>(&LIST, json!({}), config.clone())).await;
        assert_eq!(pages, [Page { items: vec![11, 12, 13] }, Page { items: vec![14, 15] }]);
        assert_eq!(
            mock.inputs("List"),
            [json!({"StartKey": 10, "Limit": 3}), json!({"StartKey": 13, "Limit": 3})]
        );
        let items = collect(handle.paginate_items::<i64, Error>(&LIST, json!({}), config)).await;
        assert_eq!(items, [11, 12, 13, 14, 15]);
    }

    #[tokio::test]
    async fn a_false_more_results_member_ends_the_walk_despite_a_token() {
        // IAM's ListUsers: `Marker` comes back with `IsTruncated` saying whether to follow it.
        static LIST_USERS_OP: OperationSpec = OperationSpec::named("ListUsers");
        static LIST_USERS: PaginatorSpec = PaginatorSpec {
            operation: &LIST_USERS_OP,
            input_token: &["Marker"],
            output_token: &["Marker"],
            limit_key: Some("MaxItems"),
            result_key: &["Items"],
            more_results: Some("IsTruncated"),
        };
        let mock = Arc::new(MockTransport::new());
        mock.push_output("ListUsers", json!({"Items": [1], "IsTruncated": true, "Marker": "a"}));
        mock.push_output("ListUsers", json!({"Items": [2], "IsTruncated": false, "Marker": "b"}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let pages = collect(handle.paginate::<Page, Error>(&LIST_USERS, json!({}), PaginationConfig::default())).await;
        assert_eq!(pages, [Page { items: vec![1] }, Page { items: vec![2] }]);
        assert_eq!(mock.inputs("ListUsers"), [json!({}), json!({"Marker": "a"})]);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_walk() {
        let mock = Arc::new(MockTransport::new());
        mock.on("List", |_| Ok(json!({"Items": [1], "LastKey": "same"})));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let pages = collect(handle.paginate::<Page, Error>(&LIST, json!({}), Default::default())).await;
        assert_eq!(pages.len(), 2, "the second page repeats the token it was sent");
        assert_eq!(mock.inputs("List")[1], json!({"StartKey": "same"}));
    }

    #[tokio::test]
    async fn empty_tokens_end_the_walk() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("List", json!({"Items": [1], "LastKey": ""}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let pages = collect(handle.paginate::<Page, Error>(&LIST, json!({}), Default::default())).await;
        assert_eq!(pages.len(), 1);
    }

    #[tokio::test]
    async fn an_error_is_yielded_once_and_ends_the_stream() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("List", json!({"Items": [1], "LastKey": 1}));
        mock.push_error("List", ServiceError { code: "Throttled".into(), ..Default::default() });
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let results: Vec<Result<i64, Error>> =
            handle.paginate_items(&LIST, json!({}), Default::default()).collect().await;
        assert_eq!(results.len(), 2);
        assert_eq!(*results[0].as_ref().unwrap(), 1);
        match &results[1] {
            Err(Error(CallError::Service(e))) => assert_eq!(e.code, "Throttled"),
            other => panic!("expected the service error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn nested_tokens_and_several_tokens_pair_by_position() {
        static BINDING: HttpBinding = HttpBinding { method: "GET", uri: "/list", members: &[] };
        static LIST_BOUND: OperationSpec = OperationSpec { name: "List", binding: Some(&BINDING), schema: None };
        static NESTED: PaginatorSpec = PaginatorSpec {
            operation: &LIST_BOUND,
            input_token: &["Marker", "Start.Id"],
            output_token: &["NextMarker", "Next.Id"],
            limit_key: None,
            result_key: &["Items"],
            more_results: None,
        };
        let mock = Arc::new(MockTransport::new());
        mock.push_output("List", json!({"Items": [], "NextMarker": "m", "Next": {"Id": 7}}));
        mock.push_output("List", json!({"Items": [], "Next": {"Id": 8}}));
        mock.push_output("List", json!({"Items": []}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let config = PaginationConfig::default().page_size(9);
        let pages = collect(handle.paginate::<Page, Error>(&NESTED, json!({}), config)).await;
        assert_eq!(pages.len(), 3);
        assert_eq!(
            mock.inputs("List"),
            [json!({}), json!({"Marker": "m", "Start": {"Id": 7}}), json!({"Start": {"Id": 8}})]
        );
        assert!(mock.requests().iter().all(|r| r.binding == Some(&BINDING)), "every page carries the binding");
    }
}
