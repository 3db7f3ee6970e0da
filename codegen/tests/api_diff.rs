//! The API diff, one spec edit per row: each row edits a small base spec (as YAML), runs both
//! through the real pipeline (load → validate → hoist → lower → manifest), and asserts the
//! exact report lines, their sections and the semver bump.
//!
//! Also: the report on `spec/chat.yaml` against a later version of the chat API
//! (`tests/fixtures/api-diff/chat-next.yaml`) matches the committed Markdown snapshot
//! `tests/fixtures/api-diff/chat-next.md`; accept an intended change with
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p codegen --test api_diff
//! ```

use codegen::diff::{Bump, Report, Severity, diff};
use codegen::manifest::Manifest;
use codegen::{Options, manifest_of};
use serde_yaml::Value;

const BASE: &str = r##"
openapi: 3.0.3
info: {title: Rooms, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /rooms/{roomId}:
    get:
      tags: [Rooms]
      operationId: getRoom
      summary: Get a room
      description: Returns one room.
      parameters:
      - {name: roomId, in: path, required: true, schema: {type: string}, description: The room}
      - {name: expand, in: query, schema: {type: string}, description: What to expand}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Room'}}}}
      x-genesys-preview: true
      x-inin-requires-permissions: {type: ANY, permissions: ['rooms:view']}
    delete:
      tags: [Rooms]
      operationId: deleteRoom
      parameters:
      - {name: roomId, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: gone}
      security:
      - api_key: []
  /rooms/{roomId}/members:
    get:
      tags: [Rooms, Members]
      operationId: getRoomMembers
      parameters:
      - {name: roomId, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: ok}
  /rooms/{roomId}/messages:
    post:
      tags: [Rooms]
      operationId: postRoomMessages
      parameters:
      - {name: roomId, in: path, required: true, schema: {type: string}}
      - {name: notify, in: query, required: true, schema: {type: boolean}}
      - {name: channel, in: query, required: true, schema: {type: boolean}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}}
components:
  schemas:
    Room:
      type: object
      description: A room
      properties:
        id: {type: string, description: The id}
        name: {type: string}
        kind: {type: string, enum: [adhoc, group], description: The kind}
        tags: {type: array, items: {$ref: '#/components/schemas/Tag'}}
        labels: {type: object, additionalProperties: {$ref: '#/components/schemas/Tag'}}
        aliases: {type: array, items: {type: string, nullable: true}}
    Tag: {type: object, properties: {label: {type: string}}}
    Message:
      type: object
      required: [body]
      properties:
        body: {type: string}
        priority: {$ref: '#/components/schemas/Priority'}
        attachment: {$ref: '#/components/schemas/Attachment'}
    Priority:
      type: string
      enum: [low, high]
    Attachment:
      oneOf:
      - {$ref: '#/components/schemas/Link'}
      - {$ref: '#/components/schemas/File'}
      - {$ref: '#/components/schemas/Note'}
    Link: {type: object, properties: {url: {type: string}}}
    Note: {type: object, properties: {text: {type: string}}}
    File: {type: object, properties: {size: {type: integer}}}
    RoomId: {type: string}
  securitySchemes:
    api_key: {type: apiKey, in: header, name: X-API-Key}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: 'https://login.example.com/token', scopes: {}}
"##;

fn manifest(spec: &str) -> Manifest {
    manifest_of(spec, &Options::new("rooms", "rooms.yaml"))
        .unwrap_or_else(|e| panic!("the spec does not generate:\n{e}\n{spec}"))
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn op<'a>(spec: &'a mut Value, path: &str, method: &str) -> &'a mut Value {
    &mut spec["paths"][path][method]
}

fn schema<'a>(spec: &'a mut Value, name: &str) -> &'a mut Value {
    &mut spec["components"]["schemas"][name]
}

fn prop<'a>(spec: &'a mut Value, model: &str, name: &str) -> &'a mut Value {
    &mut schema(spec, model)["properties"][name]
}

fn push(seq: &mut Value, item: &str) {
    match seq {
        Value::Sequence(items) => items.push(yaml(item)),
        other => panic!("not a sequence: {other:?}"),
    }
}

fn remove(map: &mut Value, key: &str) {
    match map {
        Value::Mapping(m) => {
            m.remove(key).unwrap_or_else(|| panic!("no key {key}"));
        }
        other => panic!("not a mapping: {other:?}"),
    }
}

fn remove_at(seq: &mut Value, index: usize) {
    match seq {
        Value::Sequence(items) => {
            items.remove(index);
        }
        other => panic!("not a sequence: {other:?}"),
    }
}

fn edited(edit: fn(&mut Value)) -> String {
    let mut spec = yaml(BASE);
    edit(&mut spec);
    serde_yaml::to_string(&spec).unwrap_or_else(|e| panic!("{e}"))
}

/// Each entry as (section, subject heading, line), the heading read from the Markdown report,
/// which lists the entries in their order.
fn lines(report: &Report) -> Vec<(Severity, String, String)> {
    let md = report.to_markdown();
    let mut md_lines = md.lines();
    let mut heading = "";
    report
        .entries
        .iter()
        .map(|e| {
            let line = e.line();
            loop {
                match md_lines.next() {
                    Some(l) if l == line => break,
                    Some(l) if l.starts_with("**") => heading = l,
                    Some(_) => {}
                    None => panic!("{line} not in order in\n{md}"),
                }
            }
            (e.severity, heading.to_owned(), line)
        })
        .collect()
}

type Row = (
    &'static str,
    fn(&mut Value),
    &'static [(Severity, &'static str, &'static str)],
    Bump,
);

const GET_ROOM: &str = "**GET /rooms/{roomId}** (`RoomsApi::get_room`)";
const DELETE_ROOM: &str = "**DELETE /rooms/{roomId}** (`RoomsApi::delete_room`)";
const GET_MEMBERS: &str = "**GET /rooms/{roomId}/members** (`RoomsApi::get_room_members`)";
const POST_MESSAGES: &str = "**POST /rooms/{roomId}/messages** (`RoomsApi::post_room_messages`)";
const ROOM: &str = "**Room** (`models::Room`)";
const API_KEY: &str = "**Security scheme `api_key`** (`ClientBuilder::api_key`)";
const OAUTH: &str = "**Security scheme `oauth`** (`ClientBuilder::oauth`)";

fn scheme<'a>(spec: &'a mut Value, name: &str) -> &'a mut Value {
    &mut spec["components"]["securitySchemes"][name]
}
const MESSAGE: &str = "**Message** (`models::Message`)";

use Severity::{Major, Minor, Point};

const ROWS: &[Row] = &[
    (
        "operation added",
        |s| {
            s["paths"]["/rooms"] = yaml(
                "{get: {tags: [Rooms], operationId: listRooms, responses: {'200': {description: ok}}}}",
            );
        },
        &[(
            Minor,
            "**GET /rooms** (`RoomsApi::list_rooms`)",
            "- Operation `listRooms` was added. Rust (minor): new method `RoomsApi::list_rooms`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "operation added in a new group",
        |s| {
            s["paths"]["/admin"] = yaml(
                "{get: {tags: [Admin], operationId: getAdmin, responses: {'204': {description: ok}}}}",
            );
        },
        &[(
            Minor,
            "**GET /admin** (`AdminApi::get_admin`)",
            "- Operation `getAdmin` was added. Rust (minor): new method `AdminApi::get_admin` in the new group `AdminApi` (`Client::admin`): source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "operation removed",
        |s| remove(&mut s["paths"]["/rooms/{roomId}"], "delete"),
        &[(
            Major,
            DELETE_ROOM,
            "- Operation `deleteRoom` was removed. Rust (major): `RoomsApi::delete_room` removed: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "operation renamed (new operationId, same method and path)",
        |s| op(s, "/rooms/{roomId}", "delete")["operationId"] = yaml("removeRoom"),
        &[(
            Major,
            "**DELETE /rooms/{roomId}** (`RoomsApi::remove_room`)",
            "- Operation `deleteRoom` was renamed to `removeRoom` (same `DELETE /rooms/{roomId}`). Rust (major): `RoomsApi::delete_room` renamed to `RoomsApi::remove_room`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "path changed (same operationId)",
        |s| {
            let delete = op(s, "/rooms/{roomId}", "delete").clone();
            remove(&mut s["paths"]["/rooms/{roomId}"], "delete");
            s["paths"]["/v2/rooms/{roomId}"] = yaml("{}");
            s["paths"]["/v2/rooms/{roomId}"]["delete"] = delete;
        },
        &[(
            Major,
            "**DELETE /v2/rooms/{roomId}** (`RoomsApi::delete_room`)",
            "- Path was changed from `DELETE /rooms/{roomId}` to `DELETE /v2/rooms/{roomId}`. Rust (minor): `RoomsApi::delete_room` keeps its signature and now sends `DELETE /v2/rooms/{roomId}`: source compatible, new behaviour.",
        )],
        Bump::Minor,
    ),
    (
        "operation moved to another tag",
        |s| op(s, "/rooms/{roomId}", "delete")["tags"] = yaml("[Admin]"),
        &[(
            Major,
            "**DELETE /rooms/{roomId}** (`AdminApi::delete_room`)",
            "- Operation was moved to another tag (`AdminApi`). Rust (major): `RoomsApi::delete_room` moved to `AdminApi::delete_room` (`client.admin()`): callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "tag added: the operation is also a method of a new group",
        |s| op(s, "/rooms/{roomId}", "delete")["tags"] = yaml("[Rooms, Admin]"),
        &[(
            Minor,
            DELETE_ROOM,
            "- The operation got another tag: it is also in the API group `AdminApi`. Rust (minor): new method `AdminApi::delete_room`, the same request (`DeleteRoomRequest`) as `RoomsApi::delete_room`, in the new group `AdminApi` (`Client::admin`): source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "tag added: the operation is also a method of another group",
        |s| op(s, "/rooms/{roomId}", "delete")["tags"] = yaml("[Rooms, Members]"),
        &[(
            Minor,
            DELETE_ROOM,
            "- The operation got another tag: it is also in the API group `MembersApi`. Rust (minor): new method `MembersApi::delete_room`, the same request (`DeleteRoomRequest`) as `RoomsApi::delete_room`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "tag removed: the operation stays in its other group",
        |s| op(s, "/rooms/{roomId}/members", "get")["tags"] = yaml("[Members]"),
        &[(
            Major,
            "**GET /rooms/{roomId}/members** (`MembersApi::get_room_members`)",
            "- The operation lost a tag: it is no longer in the API group `RoomsApi`. Rust (major): `RoomsApi::get_room_members` removed (`MembersApi::get_room_members` stays): callers of it no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "tag removed with the only operation of its group",
        |s| op(s, "/rooms/{roomId}/members", "get")["tags"] = yaml("[Rooms]"),
        &[(
            Major,
            GET_MEMBERS,
            "- The operation lost a tag: it is no longer in the API group `MembersApi`. Rust (major): `MembersApi::get_room_members` removed (`RoomsApi::get_room_members` stays): callers of it no longer compile; `Client::members` and `MembersApi` are gone with it.",
        )],
        Bump::Major,
    ),
    (
        "tags reordered: the same methods",
        |s| op(s, "/rooms/{roomId}/members", "get")["tags"] = yaml("[Members, Rooms, Members]"),
        &[],
        Bump::None,
    ),
    (
        "operation of two groups removed",
        |s| remove(&mut s["paths"]["/rooms/{roomId}/members"], "get"),
        &[(
            Major,
            GET_MEMBERS,
            "- Operation `getRoomMembers` was removed. Rust (major): `RoomsApi::get_room_members` and `MembersApi::get_room_members` removed: callers no longer compile; `Client::members` and `MembersApi` are gone with it.",
        )],
        Bump::Major,
    ),
    (
        "operation added in two groups",
        |s| {
            s["paths"]["/rooms"] = yaml(
                "{get: {tags: [Rooms, Admin], operationId: listRooms, responses: {'200': {description: ok}}}}",
            );
        },
        &[(
            Minor,
            "**GET /rooms** (`RoomsApi::list_rooms`)",
            "- Operation `listRooms` was added. Rust (minor): new methods `RoomsApi::list_rooms` and `AdminApi::list_rooms` in the new group `AdminApi` (`Client::admin`), one request: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "operation of two groups moved to a third",
        |s| op(s, "/rooms/{roomId}/members", "get")["tags"] = yaml("[Admin]"),
        &[(
            Major,
            "**GET /rooms/{roomId}/members** (`AdminApi::get_room_members`)",
            "- Operation was moved to another tag (`AdminApi`). Rust (major): `RoomsApi::get_room_members` and `MembersApi::get_room_members` moved to `AdminApi::get_room_members` (`client.admin()`): callers no longer compile; `Client::members` and `MembersApi` are gone with it.",
        )],
        Bump::Major,
    ),
    (
        "optional query parameter added",
        |s| {
            push(
                &mut op(s, "/rooms/{roomId}", "get")["parameters"],
                "{name: pageSize, in: query, schema: {type: integer, format: int32}}",
            );
        },
        &[(
            Minor,
            GET_ROOM,
            "- Optional query parameter `pageSize` was added. Rust (minor): new optional query parameter `page_size`, set with `GetRoomRequest::page_size`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "required header parameter added",
        |s| {
            push(
                &mut op(s, "/rooms/{roomId}", "get")["parameters"],
                "{name: X-Tenant, in: header, required: true, schema: {type: string}}",
            );
        },
        &[(
            Major,
            GET_ROOM,
            "- Required header parameter `X-Tenant` was added. Rust (major): `RoomsApi::get_room` takes a new argument `x_tenant: String`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "optional parameter removed",
        |s| remove_at(&mut op(s, "/rooms/{roomId}", "get")["parameters"], 1),
        &[(
            Major,
            GET_ROOM,
            "- Parameter `expand` was removed. Rust (major): setter `GetRoomRequest::expand` removed: callers that set it no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "required parameter removed",
        |s| {
            remove_at(
                &mut op(s, "/rooms/{roomId}/messages", "post")["parameters"],
                2,
            )
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Parameter `channel` was removed. Rust (major): `RoomsApi::post_room_messages` no longer takes the argument `channel`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "parameter optional → required",
        |s| op(s, "/rooms/{roomId}", "get")["parameters"][1]["required"] = yaml("true"),
        &[(
            Major,
            GET_ROOM,
            "- Parameter `expand` was changed from optional to required. Rust (major): setter `GetRoomRequest::expand` became an argument of `RoomsApi::get_room`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "parameter required → optional",
        |s| {
            op(s, "/rooms/{roomId}/messages", "post")["parameters"][2]["required"] = yaml("false");
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Parameter `channel` was changed from required to optional. Rust (major): argument `channel` of `RoomsApi::post_room_messages` became the setter `PostRoomMessagesRequest::channel`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "parameter type changed",
        |s| {
            op(s, "/rooms/{roomId}", "get")["parameters"][1]["schema"] = yaml("{type: integer}");
        },
        &[(
            Major,
            GET_ROOM,
            "- Type of parameter `expand` was changed. Rust (major): setter `GetRoomRequest::expand` takes `i64` instead of `String`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "required parameters reordered",
        |s| {
            let params = &mut op(s, "/rooms/{roomId}/messages", "post")["parameters"];
            let channel = params[2].clone();
            remove_at(params, 2);
            if let Value::Sequence(items) = params {
                items.insert(1, channel);
            }
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Order of the required parameters was changed. Rust (major): arguments of `RoomsApi::post_room_messages` reordered from (room_id, notify, channel) to (room_id, channel, notify): callers no longer compile, or silently swap values of the same type.",
        )],
        Bump::Major,
    ),
    (
        "parameter description changed",
        |s| {
            op(s, "/rooms/{roomId}", "get")["parameters"][1]["description"] =
                yaml("Which relations to expand");
        },
        &[(
            Point,
            GET_ROOM,
            "- Description of parameter `expand` was changed. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "request body added",
        |s| {
            op(s, "/rooms/{roomId}", "delete")["requestBody"] = yaml(
                "{content: {application/json: {schema: {$ref: '#/components/schemas/Room'}}}}",
            );
        },
        &[(
            Major,
            DELETE_ROOM,
            "- Request body was added. Rust (major): `RoomsApi::delete_room` takes a new argument `body: models::Room`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "request body removed",
        |s| remove(op(s, "/rooms/{roomId}/messages", "post"), "requestBody"),
        &[(
            Major,
            POST_MESSAGES,
            "- Request body was removed. Rust (major): `RoomsApi::post_room_messages` no longer takes a body argument: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "request body type changed",
        |s| {
            op(s, "/rooms/{roomId}/messages", "post")["requestBody"]["content"]["application/json"]
                ["schema"] = yaml("{$ref: '#/components/schemas/Room'}");
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Type of the request body was changed. Rust (major): the body argument of `RoomsApi::post_room_messages` is `models::Room` instead of `models::Message`: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "request body media type changed",
        |s| {
            op(s, "/rooms/{roomId}/messages", "post")["requestBody"]["content"] = yaml(
                "{application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Message'}}}",
            );
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Request body media type was changed from `application/json` to `application/x-www-form-urlencoded`. Rust (minor): `RoomsApi::post_room_messages` now sends the body as `application/x-www-form-urlencoded`: source compatible, new behaviour.",
        )],
        Bump::Minor,
    ),
    (
        "response type changed",
        |s| {
            op(s, "/rooms/{roomId}", "get")["responses"]["200"]["content"]["application/json"]["schema"] =
                yaml("{$ref: '#/components/schemas/Message'}");
        },
        &[(
            Major,
            GET_ROOM,
            "- Response type was changed. Rust (major): `RoomsApi::get_room` yields `models::Message` instead of `models::Room`: code using the result may no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "success status added",
        |s| {
            op(s, "/rooms/{roomId}", "delete")["responses"]["202"] =
                yaml("{description: accepted}");
        },
        &[(
            Minor,
            DELETE_ROOM,
            "- Response `202` was added. Rust (patch): none, `RoomsApi::delete_room` still yields `()`.",
        )],
        Bump::Patch,
    ),
    (
        "success status removed",
        |s| {
            remove(
                &mut op(s, "/rooms/{roomId}/messages", "post")["responses"],
                "201",
            )
        },
        &[(
            Major,
            POST_MESSAGES,
            "- Response `201` was removed. Rust (patch): none, `RoomsApi::post_room_messages` still yields `models::Message`.",
        )],
        Bump::Patch,
    ),
    (
        "operation deprecated",
        |s| op(s, "/rooms/{roomId}", "get")["deprecated"] = yaml("true"),
        &[(
            Minor,
            GET_ROOM,
            "- Operation was deprecated. Rust (minor): `RoomsApi::get_room` is `#[deprecated]`: callers get a warning.",
        )],
        Bump::Minor,
    ),
    (
        "preview flag added",
        |s| op(s, "/rooms/{roomId}", "delete")["x-genesys-preview"] = yaml("true"),
        &[(
            Minor,
            "**DELETE /rooms/{roomId}** (`RoomsApi::delete_room`)",
            "- Operation is now a preview (it may change without notice). Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "method changed (same path and operationId)",
        |s| {
            let delete = op(s, "/rooms/{roomId}", "delete").clone();
            remove(&mut s["paths"]["/rooms/{roomId}"], "delete");
            s["paths"]["/rooms/{roomId}"]["post"] = delete;
        },
        &[(
            Major,
            "**POST /rooms/{roomId}** (`RoomsApi::delete_room`)",
            "- Path was changed from `DELETE /rooms/{roomId}` to `POST /rooms/{roomId}`. Rust (minor): `RoomsApi::delete_room` keeps its signature and now sends `POST /rooms/{roomId}`: source compatible, new behaviour.",
        )],
        Bump::Minor,
    ),
    (
        "preview flag removed",
        |s| remove(op(s, "/rooms/{roomId}", "get"), "x-genesys-preview"),
        &[(
            Minor,
            GET_ROOM,
            "- Operation is no longer a preview. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "permission added under ANY (more callers)",
        |s| {
            push(
                &mut op(s, "/rooms/{roomId}", "get")["x-inin-requires-permissions"]["permissions"],
                "rooms:admin",
            );
        },
        &[(
            Minor,
            GET_ROOM,
            "- Permissions were changed from ANY of `rooms:view` to ANY of `rooms:view`, `rooms:admin`. Rust (patch): documentation only (callers without the permissions get 403 errors).",
        )],
        Bump::Patch,
    ),
    (
        "permissions narrowed to ALL (fewer callers)",
        |s| {
            op(s, "/rooms/{roomId}", "get")["x-inin-requires-permissions"] =
                yaml("{type: ALL, permissions: ['rooms:view', 'rooms:admin']}");
        },
        &[(
            Major,
            GET_ROOM,
            "- Permissions were changed from ANY of `rooms:view` to ALL of `rooms:view`, `rooms:admin`. Rust (patch): documentation only (callers without the permissions get 403 errors).",
        )],
        Bump::Patch,
    ),
    (
        "summary changed",
        |s| op(s, "/rooms/{roomId}", "get")["summary"] = yaml("Get one room"),
        &[(
            Point,
            GET_ROOM,
            "- Summary was changed. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "operation description changed",
        |s| op(s, "/rooms/{roomId}", "get")["description"] = yaml("Returns the room."),
        &[(
            Point,
            GET_ROOM,
            "- Description was changed. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "model added",
        |s| *schema(s, "Topic") = yaml("{type: object, properties: {text: {type: string}}}"),
        &[(
            Minor,
            "**Topic** (`models::Topic`)",
            "- Model `Topic` was added. Rust (minor): new struct `models::Topic`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "model removed",
        |s| remove(&mut s["components"]["schemas"], "RoomId"),
        &[(
            Major,
            "**RoomId** (`models::RoomId`)",
            "- Model `RoomId` was removed. Rust (major): `models::RoomId` removed: code naming it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "model kind changed",
        |s| *schema(s, "RoomId") = yaml("{type: object, properties: {value: {type: string}}}"),
        &[(
            Major,
            "**RoomId** (`models::RoomId`)",
            "- Model `RoomId` was changed from another type to an object. Rust (major): `models::RoomId` is a struct instead of an alias: code using it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "alias type changed",
        |s| *schema(s, "RoomId") = yaml("{type: integer}"),
        &[(
            Major,
            "**RoomId** (`models::RoomId`)",
            "- Type of model `RoomId` was changed. Rust (major): `models::RoomId` is `i64` instead of `String`: code using it may no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "optional property added",
        |s| *prop(s, "Room", "topic") = yaml("{type: string}"),
        &[(
            Minor,
            ROOM,
            "- Optional property `topic` was added. Rust (minor): new field `Room::topic: Option<String>`; `Room` is `#[non_exhaustive]`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "required property added",
        |s| {
            *prop(s, "Room", "owner") = yaml("{type: string}");
            schema(s, "Room")["required"] = yaml("[owner]");
        },
        &[(
            Major,
            ROOM,
            "- Required property `owner` was added. Rust (major): new field `Room::owner: String`, and `Room::new` takes it as a new argument: callers of `new` no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "property removed",
        |s| remove(&mut schema(s, "Room")["properties"], "name"),
        &[(
            Major,
            ROOM,
            "- Property `name` was removed. Rust (major): field `Room::name` removed: code that reads or sets it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "property type changed",
        |s| *prop(s, "Room", "name") = yaml("{type: integer, format: int32}"),
        &[(
            Major,
            ROOM,
            "- Type of property `name` was changed. Rust (major): field `Room::name` is `Option<i32>` instead of `Option<String>`: code using it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "property optional → required",
        |s| schema(s, "Room")["required"] = yaml("[name]"),
        &[(
            Major,
            ROOM,
            "- Property `name` was changed from optional to required. Rust (major): field `Room::name` is `String` instead of `Option<String>`, and `Room::new` takes it as a new argument: code using it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "property required → optional",
        |s| remove(schema(s, "Message"), "required"),
        &[(
            Major,
            MESSAGE,
            "- Property `body` was changed from required to optional. Rust (major): field `Message::body` is `Option<String>` instead of `String`, and `Message::new` no longer takes it: code using it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "required property without a default (Default is lost)",
        |s| schema(s, "Message")["required"] = yaml("[body, priority]"),
        &[
            (
                Major,
                MESSAGE,
                "- Property `priority` was changed from optional to required. Rust (major): field `Message::priority` is `models::Priority` instead of `Option<models::Priority>`, and `Message::new` takes it as a new argument: code using it no longer compiles.",
            ),
            (
                Major,
                MESSAGE,
                "- A required property has no default value. Rust (major): `Message` no longer implements `Default`: `Message::default()` no longer compiles.",
            ),
        ],
        Bump::Major,
    ),
    (
        "property became nullable",
        |s| prop(s, "Room", "name")["nullable"] = yaml("true"),
        &[
            (
                Major,
                ROOM,
                "- Property `name` is now nullable. Rust (major): field `Room::name` is `Option<Option<String>>` instead of `Option<String>`: code using it no longer compiles.",
            ),
            (
                Point,
                ROOM,
                "- Description of property `name` was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "a schema used as array items and map values became nullable",
        |s| schema(s, "Tag")["nullable"] = yaml("true"),
        &[
            (
                Major,
                ROOM,
                "- Items of property `tags` may now be `null`. Rust (major): field `Room::tags` is `Option<Vec<Option<models::Tag>>>` instead of `Option<Vec<models::Tag>>`: code using it no longer compiles.",
            ),
            (
                Major,
                ROOM,
                "- Map values of property `labels` may now be `null`. Rust (major): field `Room::labels` is `Option<std::collections::BTreeMap<String, Option<models::Tag>>>` instead of `Option<std::collections::BTreeMap<String, models::Tag>>`: code using it no longer compiles.",
            ),
            (
                Major,
                "**Tag** (`models::Tag`)",
                "- Model `Tag` is now nullable: `null` is one of its values. Rust (patch): `models::Tag` is unchanged, and every place that uses it holds `Option<models::Tag>` (the entries of those places give their impact).",
            ),
            (
                Point,
                "**Tag** (`models::Tag`)",
                "- Description was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "inline array items are no longer nullable",
        |s| remove(&mut prop(s, "Room", "aliases")["items"], "nullable"),
        &[(
            Major,
            ROOM,
            "- Items of property `aliases` can no longer be `null`. Rust (major): field `Room::aliases` is `Option<Vec<String>>` instead of `Option<Vec<Option<String>>>`: code using it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "a union member became nullable (so the union did)",
        |s| schema(s, "Link")["nullable"] = yaml("true"),
        &[
            (
                Major,
                "**Attachment** (`models::Attachment`)",
                "- Model `Attachment` is now nullable: `null` is one of its values. Rust (patch): `models::Attachment` is unchanged, and every place that uses it holds `Option<models::Attachment>` (the entries of those places give their impact).",
            ),
            (
                Major,
                "**Link** (`models::Link`)",
                "- Model `Link` is now nullable: `null` is one of its values. Rust (patch): `models::Link` is unchanged, and every place that uses it holds `Option<models::Link>` (the entries of those places give their impact).",
            ),
            (
                Major,
                MESSAGE,
                "- Property `attachment` is now nullable. Rust (major): field `Message::attachment` is `Option<Option<models::Attachment>>` instead of `Option<models::Attachment>`: code using it no longer compiles.",
            ),
            (
                Point,
                "**Attachment** (`models::Attachment`)",
                "- Description was changed. Rust (patch): documentation only.",
            ),
            (
                Point,
                "**Link** (`models::Link`)",
                "- Description was changed. Rust (patch): documentation only.",
            ),
            (
                Point,
                MESSAGE,
                "- Description of property `attachment` was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "the response schema became nullable",
        |s| schema(s, "Room")["nullable"] = yaml("true"),
        &[
            (
                Major,
                GET_ROOM,
                "- The response may now be `null`. Rust (major): `RoomsApi::get_room` yields `Option<models::Room>` instead of `models::Room`: code using the result may no longer compile.",
            ),
            (
                Major,
                ROOM,
                "- Model `Room` is now nullable: `null` is one of its values. Rust (patch): `models::Room` is unchanged, and every place that uses it holds `Option<models::Room>` (the entries of those places give their impact).",
            ),
            (
                Point,
                ROOM,
                "- Description was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "the request body schema became nullable",
        |s| schema(s, "Message")["nullable"] = yaml("true"),
        &[
            (
                Major,
                POST_MESSAGES,
                "- The request body may now be `null`. Rust (major): the body argument of `RoomsApi::post_room_messages` is `Option<models::Message>` instead of `models::Message`: callers no longer compile.",
            ),
            (
                Major,
                POST_MESSAGES,
                "- The response may now be `null`. Rust (major): `RoomsApi::post_room_messages` yields `Option<models::Message>` instead of `models::Message`: code using the result may no longer compile.",
            ),
            (
                Major,
                MESSAGE,
                "- Model `Message` is now nullable: `null` is one of its values. Rust (patch): `models::Message` is unchanged, and every place that uses it holds `Option<models::Message>` (the entries of those places give their impact).",
            ),
            (
                Point,
                MESSAGE,
                "- Description was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "a required parameter became nullable",
        |s| {
            op(s, "/rooms/{roomId}/messages", "post")["parameters"][2]["schema"]["nullable"] =
                yaml("true");
        },
        &[
            (
                Major,
                POST_MESSAGES,
                "- Parameter `channel` may now be `null`. Rust (major): argument `channel` of `RoomsApi::post_room_messages` takes `Option<bool>` instead of `bool`: callers no longer compile.",
            ),
            (
                Point,
                POST_MESSAGES,
                "- Description of parameter `channel` was changed. Rust (patch): documentation only.",
            ),
        ],
        Bump::Major,
    ),
    (
        "an optional parameter became nullable (null is absence on the wire)",
        |s| op(s, "/rooms/{roomId}", "get")["parameters"][1]["schema"]["nullable"] = yaml("true"),
        &[],
        Bump::None,
    ),
    (
        "property deprecated",
        |s| prop(s, "Room", "name")["deprecated"] = yaml("true"),
        &[(
            Minor,
            ROOM,
            "- Property `name` was deprecated. Rust (minor): field `Room::name` is `#[deprecated]`: code using it gets a warning.",
        )],
        Bump::Minor,
    ),
    (
        "property description changed",
        |s| prop(s, "Room", "id")["description"] = yaml("The room's id"),
        &[(
            Point,
            ROOM,
            "- Description of property `id` was changed. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "model description changed",
        |s| schema(s, "Room")["description"] = yaml("A chat room"),
        &[(
            Point,
            ROOM,
            "- Description was changed. Rust (patch): documentation only.",
        )],
        Bump::Patch,
    ),
    (
        "enum value added to a property",
        |s| prop(s, "Room", "kind")["enum"] = yaml("[adhoc, group, oneOnOne]"),
        &[(
            Minor,
            "**RoomKind** (`models::RoomKind`)",
            "- Enum value `oneOnOne` was added (used by `Room.kind`). Rust (minor): new variant `RoomKind::OneOnOne`; `RoomKind` is `#[non_exhaustive]`: source compatible (`oneOnOne` decoded as `RoomKind::Unknown` before).",
        )],
        Bump::Minor,
    ),
    (
        "enum value removed from a property",
        |s| prop(s, "Room", "kind")["enum"] = yaml("[group]"),
        &[(
            Major,
            "**RoomKind** (`models::RoomKind`)",
            "- Enum value `adhoc` was removed (used by `Room.kind`). Rust (major): variant `RoomKind::Adhoc` removed: code naming it no longer compiles, and `adhoc` now decodes as `RoomKind::Unknown`.",
        )],
        Bump::Major,
    ),
    (
        "enum value added to an enum schema",
        |s| schema(s, "Priority")["enum"] = yaml("[low, high, urgent]"),
        &[(
            Minor,
            "**Priority** (`models::Priority`)",
            "- Enum value `urgent` was added (used by `Message.priority`). Rust (minor): new variant `Priority::Urgent`; `Priority` is `#[non_exhaustive]`: source compatible (`urgent` decoded as `Priority::Unknown` before).",
        )],
        Bump::Minor,
    ),
    (
        "union member added",
        |s| {
            push(
                &mut schema(s, "Attachment")["oneOf"],
                "{$ref: '#/components/schemas/Image'}",
            );
            *schema(s, "Image") = yaml("{type: object, properties: {width: {type: integer}}}");
        },
        &[
            (
                Minor,
                "**Attachment** (`models::Attachment`)",
                "- Member `Image` was added (used by `Message.attachment`). Rust (minor): new variant `Attachment::Image(models::Image)`; `Attachment` is `#[non_exhaustive]`: source compatible.",
            ),
            (
                Minor,
                "**Image** (`models::Image`)",
                "- Model `Image` was added. Rust (minor): new struct `models::Image`: source compatible.",
            ),
        ],
        Bump::Minor,
    ),
    (
        "union member removed",
        |s| remove_at(&mut schema(s, "Attachment")["oneOf"], 1),
        &[(
            Major,
            "**Attachment** (`models::Attachment`)",
            "- Member `File` was removed (used by `Message.attachment`). Rust (major): variant `Attachment::File` removed: code naming it no longer compiles.",
        )],
        Bump::Major,
    ),
    (
        "security scheme added",
        |s| *scheme(s, "bearer") = yaml("{type: http, scheme: bearer}"),
        &[(
            Minor,
            "**Security scheme `bearer`** (`ClientBuilder::bearer`)",
            "- Security scheme `bearer` (HTTP `bearer`) was added. Rust (minor): new `ClientBuilder::bearer`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "security scheme removed",
        |s| remove(&mut s["components"]["securitySchemes"], "oauth"),
        &[(
            Major,
            OAUTH,
            "- Security scheme `oauth` was removed. Rust (major): `ClientBuilder::oauth`, `ClientBuilder::oauth_client_credentials` removed: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "API key moved from a header to the query",
        |s| scheme(s, "api_key")["in"] = yaml("query"),
        &[(
            Major,
            API_KEY,
            "- Security scheme `api_key` was changed from an API key in header `X-API-Key` to an API key in query `X-API-Key`. Rust (patch): `ClientBuilder::api_key` sends its credential as an API key in query `X-API-Key`: source compatible.",
        )],
        Bump::Patch,
    ),
    (
        "API key scheme became HTTP basic",
        |s| *scheme(s, "api_key") = yaml("{type: http, scheme: basic}"),
        &[(
            Major,
            API_KEY,
            "- Security scheme `api_key` was changed from an API key in header `X-API-Key` to HTTP `basic`. Rust (major): `ClientBuilder::api_key` now takes a user name and a password: callers no longer compile.",
        )],
        Bump::Major,
    ),
    (
        "OAuth flow added",
        |s| {
            scheme(s, "oauth")["flows"]["password"] =
                yaml("{tokenUrl: 'https://login.example.com/token', scopes: {}}");
        },
        &[(
            Minor,
            OAUTH,
            "- Security scheme `oauth` gained a way to configure it. Rust (minor): new `ClientBuilder::oauth_password`: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "operation now requires credentials",
        |s| op(s, "/rooms/{roomId}", "get")["security"] = yaml("[{oauth: []}]"),
        &[(
            Major,
            GET_ROOM,
            "- Security requirement was changed from no credentials to `oauth`. Rust (patch): source compatible, but a client configured only for what it accepted before fails before sending (`Error::MissingCredentials`) until it is given the credentials now required.",
        )],
        Bump::Patch,
    ),
    (
        "operation accepts another alternative",
        |s| op(s, "/rooms/{roomId}", "delete")["security"] = yaml("[{api_key: []}, {oauth: []}]"),
        &[(
            Minor,
            DELETE_ROOM,
            "- Security requirement was changed from `api_key` to `api_key`, or `oauth`. Rust (minor): a client configured for what it accepted before still sends its requests: source compatible.",
        )],
        Bump::Minor,
    ),
    (
        "operation needs a second scheme together with the first",
        |s| op(s, "/rooms/{roomId}", "delete")["security"] = yaml("[{api_key: [], oauth: []}]"),
        &[(
            Major,
            DELETE_ROOM,
            "- Security requirement was changed from `api_key` to `api_key` and `oauth`. Rust (patch): source compatible, but a client configured only for what it accepted before fails before sending (`Error::MissingCredentials`) until it is given the credentials now required.",
        )],
        Bump::Patch,
    ),
    (
        "operation needs no credentials any more",
        |s| op(s, "/rooms/{roomId}", "delete")["security"] = yaml("[]"),
        &[(
            Minor,
            DELETE_ROOM,
            "- Security requirement was changed from `api_key` to no credentials. Rust (minor): a client configured for what it accepted before still sends its requests: source compatible.",
        )],
        Bump::Minor,
    ),
];

#[test]
fn each_spec_edit_gives_its_report_lines_and_bump() {
    let base = manifest(BASE);
    let mut failures = Vec::new();
    for (name, edit, want, bump) in ROWS {
        let report = diff(&base, &manifest(&edited(*edit)));
        let have = lines(&report);
        let want: Vec<(Severity, String, String)> = want
            .iter()
            .map(|(s, h, l)| (*s, (*h).to_owned(), (*l).to_owned()))
            .collect();
        if have != want || report.semver != *bump {
            failures.push(format!(
                "{name}:\n  want {bump:?} {want:#?}\n  have {:?} {have:#?}",
                report.semver
            ));
        }
        assert!(
            report
                .to_markdown()
                .ends_with(&format!("\nsemver: {}\n", bump.as_str())),
            "{name}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn an_unchanged_spec_has_no_changes() {
    let report = diff(&manifest(BASE), &manifest(&edited(|_| {})));
    assert!(report.is_empty());
    assert_eq!(report.semver, Bump::None);
    assert_eq!(
        report.to_markdown(),
        "# API changes: Rooms 1 → 1\n\nNo changes.\n\nsemver: none\n"
    );
}

#[test]
fn the_report_is_deterministic_and_sorted_by_section_then_subject() {
    let edit: fn(&mut Value) = |s| {
        s["info"]["version"] = yaml("'2'");
        remove(&mut s["paths"]["/rooms/{roomId}"], "delete");
        *prop(s, "Room", "topic") = yaml("{type: string}");
        op(s, "/rooms/{roomId}", "get")["summary"] = yaml("Get one room");
        schema(s, "Priority")["enum"] = yaml("[low, high, urgent]");
        remove(&mut schema(s, "Room")["properties"], "name");
    };
    let (old, new) = (manifest(BASE), manifest(&edited(edit)));
    let report = diff(&old, &new);
    assert_eq!(report, diff(&old, &new));
    assert_eq!(report.to_markdown(), diff(&old, &new).to_markdown());
    assert_eq!(
        report.to_markdown(),
        "\
# API changes: Rooms 1 → 2

## Major changes (2)

**DELETE /rooms/{roomId}** (`RoomsApi::delete_room`)
- Operation `deleteRoom` was removed. Rust (major): `RoomsApi::delete_room` removed: callers no longer compile.

**Room** (`models::Room`)
- Property `name` was removed. Rust (major): field `Room::name` removed: code that reads or sets it no longer compiles.

## Minor changes (2)

**Priority** (`models::Priority`)
- Enum value `urgent` was added (used by `Message.priority`). Rust (minor): new variant `Priority::Urgent`; `Priority` is `#[non_exhaustive]`: source compatible (`urgent` decoded as `Priority::Unknown` before).

**Room** (`models::Room`)
- Optional property `topic` was added. Rust (minor): new field `Room::topic: Option<String>`; `Room` is `#[non_exhaustive]`: source compatible.

## Point changes (1)

**GET /rooms/{roomId}** (`RoomsApi::get_room`)
- Summary was changed. Rust (patch): documentation only.

semver: major
"
    );
    assert_eq!(
        report.summary(),
        "\
API changes (1 → 2): 2 major, 2 minor, 1 point
  major: DELETE /rooms/{roomId}: Operation `deleteRoom` was removed
  major: Room: Property `name` was removed
semver: major
"
    );
    let json: serde_json::Value =
        serde_json::from_str(&report.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["semver"], "major");
    assert_eq!(json["counts"]["minor"], 2);
    assert_eq!(json["entries"][0]["change"], "operation_removed");
    assert_eq!(json["entries"][0]["subject"]["kind"], "operation");
    assert_eq!(json["entries"][0]["subject"]["operation_id"], "deleteRoom");
    assert_eq!(json["entries"][0]["bump"], "major");
    assert_eq!(json["entries"][1]["subject"]["rust"], "models::Room");
}

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api-diff")
}

#[test]
fn chat_against_chat_next_matches_the_snapshot() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: std::path::PathBuf| {
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let old = manifest(&read(root.join("spec/chat.yaml")));
    let new = manifest(&read(fixture_dir().join("chat-next.yaml")));
    let report = diff(&old, &new).to_markdown();
    let snapshot = fixture_dir().join("chat-next.md");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1" || v == "true") {
        std::fs::write(&snapshot, &report)
            .unwrap_or_else(|e| panic!("{}: {e}", snapshot.display()));
    }
    let want = read(snapshot).replace("\r\n", "\n");
    assert!(
        report == want,
        "the report differs from tests/fixtures/api-diff/chat-next.md; review and accept with\n    UPDATE_SNAPSHOTS=1 cargo test -p codegen --test api_diff\n\n{report}"
    );
}

#[test]
fn regeneration_adds_a_changelog_entry_and_bumps_the_version_once() {
    use codegen::{ApiChanges, generate};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: std::path::PathBuf| {
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let chat = read(root.join("spec/chat.yaml"));
    let next = read(fixture_dir().join("chat-next.yaml"));
    let generate_ok = |spec: &str, options: &Options| {
        generate(spec, options).unwrap_or_else(|e| panic!("generation failed:\n{e}"))
    };

    let mut options = Options::new("genesys-cloud-chat", "spec/chat.yaml");
    let first = generate_ok(&chat, &options);
    assert_eq!(first.api_changes, ApiChanges::First);
    let changelog = &first.files["CHANGELOG.md"];
    assert!(
        changelog.ends_with("\n## 0.1.0 (API v2)\n\nFirst generation: 24 operations, 23 models.\n"),
        "{changelog}"
    );

    options.previous_manifest = Some(first.files["api-manifest.json"].clone());
    options.previous_changelog = Some(changelog.clone());
    let second = generate_ok(&next, &options);
    let ApiChanges::Compared {
        report,
        previous_version,
        version,
    } = &second.api_changes
    else {
        panic!("not compared: {:?}", second.api_changes);
    };
    assert_eq!(
        (previous_version.as_str(), version.as_str()),
        ("0.1.0", "0.2.0")
    );
    assert_eq!(report.semver, Bump::Major);
    assert!(second.files["Cargo.toml"].contains("\nversion = \"0.2.0\"\n"));
    assert!(second.files["api-manifest.json"].contains("\n  \"crate_version\": \"0.2.0\",\n"));
    let changelog = &second.files["CHANGELOG.md"];
    let entry = changelog
        .split_once("\n## 0.2.0 (API v2 → v2.1, semver: major)\n\n### Major changes (3)\n\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no new entry on top:\n{changelog}"));
    assert!(
        entry.contains("- Operation `deleteChatsRoomPinnedmessage` was removed."),
        "{changelog}"
    );
    assert!(
        entry.ends_with("\n\n## 0.1.0 (API v2)\n\nFirst generation: 24 operations, 23 models.\n"),
        "{changelog}"
    );

    // Regenerating the same API again changes nothing: no entry, no bump.
    options.previous_manifest = Some(second.files["api-manifest.json"].clone());
    options.previous_changelog = Some(changelog.clone());
    let third = generate_ok(&next, &options);
    assert_eq!(third.files, second.files);
    assert!(matches!(&third.api_changes, ApiChanges::Compared { report, .. } if report.is_empty()));

    // An unreadable manifest: said so, and a first generation.
    options.previous_manifest = Some("{\"format\": 99}".into());
    let fourth = generate_ok(&next, &options);
    assert!(fourth.files["Cargo.toml"].contains("\nversion = \"0.3.0\"\n"));
    assert_eq!(
        fourth.api_changes,
        ApiChanges::Unreadable("manifest format 99, but this generator reads format 1".into())
    );
    assert!(
        fourth.files["CHANGELOG.md"].contains(
            "\n## 0.3.0 (API v2.1)\n\nNo earlier API to compare with (manifest format 99, but this generator reads format 1), so the version is bumped as for a breaking change: 24 operations, 26 models.\n\n## 0.2.0 (API v2 → v2.1"
        ),
        "{}",
        fourth.files["CHANGELOG.md"]
    );
}
