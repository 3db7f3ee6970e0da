//! The runtime on the wire, through the shim's hand-written operations (`src/apis.rs`), which
//! call the same plumbing generated operations call: what the loopback server received, and
//! what the caller got back.

use sdk_runtime::models::{ErrorBody, Thing};
use sdk_runtime::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .access_token("t")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_get_encodes_its_path_segment_and_query_and_decodes_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/a%2Fb%20c"))
        .and(query_param("expand", "x,y"))
        .and(header("authorization", "Bearer t"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "a/b c",
            "label": null,
            "created": "2024-05-01T12:30:00.000Z"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let thing = client(&server)
        .things()
        .get_thing("a/b c")
        .expand("x,y")
        .await
        .expect("decodes");

    assert_eq!(thing.id.as_deref(), Some("a/b c"));
    assert_eq!(thing.label, Some(None), "null is kept apart from absent");
    assert_eq!(
        thing.created.map(|c| c.to_rfc3339()),
        Some("2024-05-01T12:30:00+00:00".to_owned())
    );
}

#[tokio::test]
async fn a_put_sends_its_json_body_keeping_null_apart_from_absent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/things/t1"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"id": "t1", "label": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
        .expect(1)
        .mount(&server)
        .await;
    let body = Thing::default().with_id("t1").with_label(None);

    let stored = client(&server)
        .things()
        .put_thing("t1", body)
        .await
        .expect("stored");

    assert_eq!(stored.label, None);
}

#[tokio::test]
async fn an_error_body_decodes_as_the_hooks_error_model_and_its_message_is_shown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/things/t1/poke"))
        .respond_with(
            ResponseTemplate::new(409)
                .insert_header("inin-correlation-id", "corr-9")
                .set_body_json(json!({"message": "already poked", "code": "conflict"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server).things().poke_thing("t1").await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(
        api.error,
        Some(
            ErrorBody::default()
                .with_message("already poked")
                .with_code("conflict")
        )
    );
    let shown = error.to_string();
    for want in ["409", "already poked", "corr-9"] {
        assert!(shown.contains(want), "{want} not in {shown}");
    }
}
