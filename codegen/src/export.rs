//! Writes the model in botocore's own JSON format (`service-2.json`, `paginators-1.json`), so
//! it can be scored against botocore's data with `shared/tools/score_model.py`.
//!
//! Docs go out as HTML, as botocore keeps them, rendered from the model's Markdown.

use std::fs;
use std::io;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::model::{Location, MemberXml, ProtocolKind, Service, Shape, ShapeKind, XmlNamespace};

/// `service-2.json` for one service.
pub fn service_json(service: &Service) -> Value {
    let mut metadata = Map::new();
    if let Some(v) = &service.api_version {
        metadata.insert("apiVersion".into(), json!(v));
    }
    metadata.insert("serviceId".into(), json!(service.class_name));
    if let Some(v) = &service.full_name {
        metadata.insert("serviceFullName".into(), json!(v));
    }
    if let Some(v) = &service.abbreviation {
        metadata.insert("serviceAbbreviation".into(), json!(v));
    }
    if let Some(v) = &service.uid {
        metadata.insert("uid".into(), json!(v));
    }
    if let Some(protocol) = &service.protocol {
        match &protocol.kind {
            ProtocolKind::Json { version, target_prefix } => {
                metadata.insert("protocol".into(), json!("json"));
                metadata.insert("jsonVersion".into(), json!(version));
                metadata.insert("targetPrefix".into(), json!(target_prefix));
            }
            ProtocolKind::RestJson => {
                metadata.insert("protocol".into(), json!("rest-json"));
            }
            ProtocolKind::RestXml => {
                metadata.insert("protocol".into(), json!("rest-xml"));
            }
            ProtocolKind::Query => {
                metadata.insert("protocol".into(), json!("query"));
            }
            ProtocolKind::Ec2 => {
                metadata.insert("protocol".into(), json!("ec2"));
            }
        }
        if let Some(namespace) = &protocol.xml_namespace {
            metadata.insert("xmlNamespace".into(), json!(namespace));
        }
        metadata.insert("signingName".into(), json!(protocol.signing_name));
        metadata.insert("endpointPrefix".into(), json!(protocol.endpoint_prefix));
    }

    let mut operations = Map::new();
    for (name, op) in &service.operations {
        let mut o = Map::new();
        o.insert("name".into(), json!(name));
        if let Some(http) = &op.http {
            let mut h = Map::new();
            h.insert("method".into(), json!(http.method));
            h.insert("requestUri".into(), json!(http.uri));
            if let Some(code) = http.response_code {
                h.insert("responseCode".into(), json!(code));
            }
            o.insert("http".into(), Value::Object(h));
        }
        if let Some(input) = &op.input {
            let mut r = Map::new();
            r.insert("shape".into(), json!(input));
            if let Some(root) = &op.input_root {
                r.insert("locationName".into(), json!(root.name));
                if let Some(ns) = &root.namespace {
                    r.insert("xmlNamespace".into(), namespace_json(ns));
                }
            }
            o.insert("input".into(), Value::Object(r));
        }
        if let Some(output) = &op.output {
            let mut r = Map::new();
            r.insert("shape".into(), json!(output));
            if let Some(wrapper) = &op.result_wrapper {
                r.insert("resultWrapper".into(), json!(wrapper));
            }
            o.insert("output".into(), Value::Object(r));
        }
        if !op.errors.is_empty() {
            let errors: Vec<Value> = op.errors.iter().map(|e| json!({ "shape": e })).collect();
            o.insert("errors".into(), Value::Array(errors));
        }
        insert_docs(&mut o, &op.docs);
        if op.deprecated {
            o.insert("deprecated".into(), json!(true));
        }
        operations.insert(name.clone(), Value::Object(o));
    }

    let shapes: Map<String, Value> = service.shapes.iter().map(|(n, s)| (n.clone(), shape_json(service, s))).collect();
    json!({
        "version": "2.0",
        "metadata": metadata,
        "operations": operations,
        "shapes": shapes,
        "documentation": html(&service.docs),
    })
}

fn shape_json(service: &Service, shape: &Shape) -> Value {
    let mut s = Map::new();
    let ty = match &shape.kind {
        ShapeKind::Structure(st) => {
            let mut members = Map::new();
            for m in &st.members {
                let mut r = Map::new();
                r.insert("shape".into(), json!(m.target));
                insert_docs(&mut r, &m.docs);
                if m.idempotency_token {
                    r.insert("idempotencyToken".into(), json!(true));
                }
                match m.location {
                    Some(Location::Payload) => {
                        s.insert("payload".into(), json!(m.name));
                        insert_xml(&mut r, &m.xml);
                    }
                    Some(location) => {
                        let is_map = matches!(service.shape(&m.target).map(|t| &t.kind), Some(ShapeKind::Map { .. }));
                        let location = match location {
                            Location::Path => "uri",
                            Location::Query => "querystring",
                            Location::Header if is_map => "headers",
                            Location::Header => "header",
                            Location::StatusCode => "statusCode",
                            Location::Payload => unreachable!("matched above"),
                        };
                        r.insert("location".into(), json!(location));
                        if let Some(name) = &m.location_name {
                            r.insert("locationName".into(), json!(name));
                        }
                    }
                    None => insert_xml(&mut r, &m.xml),
                }
                members.insert(m.name.clone(), Value::Object(r));
            }
            if st.error_status.is_some() || st.error_code.is_some() {
                let mut error = Map::new();
                if let Some(code) = &st.error_code {
                    error.insert("code".into(), json!(code));
                }
                if let Some(status) = st.error_status {
                    error.insert("httpStatusCode".into(), json!(status));
                }
                s.insert("error".into(), Value::Object(error));
            }
            let required: Vec<&str> = st.members.iter().filter(|m| m.required).map(|m| m.name.as_str()).collect();
            if !required.is_empty() {
                s.insert("required".into(), json!(required));
            }
            s.insert("members".into(), Value::Object(members));
            for (flag, on) in [("union", st.union), ("exception", st.exception), ("eventstream", st.event_stream)] {
                if on {
                    s.insert(flag.into(), json!(true));
                }
            }
            "structure"
        }
        ShapeKind::List { member } => {
            s.insert("member".into(), element_json(member, shape.xml.member_name.as_deref()));
            if shape.xml.flattened {
                s.insert("flattened".into(), json!(true));
            }
            "list"
        }
        ShapeKind::Map { key, value } => {
            s.insert("key".into(), element_json(key, shape.xml.key_name.as_deref()));
            s.insert("value".into(), element_json(value, shape.xml.value_name.as_deref()));
            if shape.xml.flattened {
                s.insert("flattened".into(), json!(true));
            }
            "map"
        }
        ShapeKind::String => "string",
        ShapeKind::Enum { values } => {
            s.insert("enum".into(), json!(values));
            "string"
        }
        ShapeKind::Integer => "integer",
        ShapeKind::Long => "long",
        ShapeKind::Double => "double",
        ShapeKind::Float => "float",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Timestamp => "timestamp",
        ShapeKind::Blob { streaming } => {
            if *streaming {
                s.insert("streaming".into(), json!(true));
            }
            "blob"
        }
        // botocore spells a document as a member-less structure with a flag.
        ShapeKind::Document => {
            s.insert("members".into(), json!({}));
            s.insert("document".into(), json!(true));
            "structure"
        }
    };
    s.insert("type".into(), json!(ty));
    insert_docs(&mut s, &shape.docs);
    Value::Object(s)
}

/// A list member, map key or value reference: `{"shape": …, "locationName": …}`.
fn element_json(shape: &str, name: Option<&str>) -> Value {
    match name {
        Some(name) => json!({ "shape": shape, "locationName": name }),
        None => json!({ "shape": shape }),
    }
}

/// A member's XML traits as botocore writes them on the member reference.
fn insert_xml(r: &mut Map<String, Value>, xml: &MemberXml) {
    if let Some(name) = &xml.name {
        r.insert("locationName".into(), json!(name));
    }
    if let Some(name) = &xml.query_name {
        r.insert("queryName".into(), json!(name));
    }
    if xml.flattened {
        r.insert("flattened".into(), json!(true));
    }
    if xml.attribute {
        r.insert("xmlAttribute".into(), json!(true));
    }
    if let Some(ns) = &xml.namespace {
        r.insert("xmlNamespace".into(), namespace_json(ns));
    }
}

/// `{"uri": …}` or `{"prefix": …, "uri": …}`.
fn namespace_json(ns: &XmlNamespace) -> Value {
    match &ns.prefix {
        Some(prefix) => json!({ "prefix": prefix, "uri": ns.uri }),
        None => json!({ "uri": ns.uri }),
    }
}

/// `paginators-1.json`: single tokens as strings, several as lists, as botocore writes them.
pub fn paginators_json(service: &Service) -> Value {
    let one_or_many = |v: &[String]| match v {
        [one] => json!(one),
        many => json!(many),
    };
    let mut pagination = Map::new();
    for (name, p) in &service.paginators {
        let mut o = Map::new();
        o.insert("input_token".into(), one_or_many(&p.input_token));
        o.insert("output_token".into(), one_or_many(&p.output_token));
        if let Some(limit) = &p.limit_key {
            o.insert("limit_key".into(), json!(limit));
        }
        if !p.result_key.is_empty() {
            o.insert("result_key".into(), one_or_many(&p.result_key));
        }
        if let Some(more) = &p.more_results {
            o.insert("more_results".into(), json!(more));
        }
        pagination.insert(name.clone(), Value::Object(o));
    }
    json!({ "pagination": pagination })
}

/// `waiters-2.json`: each waiter's schedule and acceptors, as botocore writes them.
pub fn waiters_json(service: &Service) -> Value {
    use crate::model::{AcceptorState, Expected, Matcher};
    let mut waiters = Map::new();
    for (name, w) in &service.waiters {
        let acceptors: Vec<Value> = w
            .acceptors
            .iter()
            .map(|a| {
                let state = match a.state {
                    AcceptorState::Success => "success",
                    AcceptorState::Failure => "failure",
                    AcceptorState::Retry => "retry",
                };
                let expected = |e: &Expected| match e {
                    Expected::Bool(b) => json!(b),
                    Expected::Int(i) => json!(i),
                    Expected::Str(s) => json!(s),
                };
                match &a.matcher {
                    Matcher::Path { argument, expected: e } => json!({"state": state, "matcher": "path", "argument": argument, "expected": expected(e)}),
                    Matcher::PathAll { argument, expected: e } => json!({"state": state, "matcher": "pathAll", "argument": argument, "expected": expected(e)}),
                    Matcher::PathAny { argument, expected: e } => json!({"state": state, "matcher": "pathAny", "argument": argument, "expected": expected(e)}),
                    Matcher::Status { expected } => json!({"state": state, "matcher": "status", "expected": expected}),
                    Matcher::Error { expected } => json!({"state": state, "matcher": "error", "expected": expected}),
                    Matcher::AnyError { expected } => json!({"state": state, "matcher": "error", "expected": expected}),
                }
            })
            .collect();
        waiters.insert(
            name.clone(),
            json!({"operation": w.operation, "delay": w.delay_seconds, "maxAttempts": w.max_attempts, "acceptors": acceptors}),
        );
    }
    json!({ "version": 2, "waiters": waiters })
}

/// Writes `<out>/<service>/service-2.json`, `paginators-1.json` and, when the service has
/// waiters, `waiters-2.json`.
pub fn write_service(out: &Path, service: &Service) -> io::Result<()> {
    let dir = out.join(&service.name);
    fs::create_dir_all(&dir)?;
    let pretty = |v: &Value| serde_json::to_string_pretty(v).map(|s| s + "\n").map_err(io::Error::other);
    fs::write(dir.join("service-2.json"), pretty(&service_json(service))?)?;
    fs::write(dir.join("paginators-1.json"), pretty(&paginators_json(service))?)?;
    if !service.waiters.is_empty() {
        fs::write(dir.join("waiters-2.json"), pretty(&waiters_json(service))?)?;
    }
    Ok(())
}

fn insert_docs(o: &mut Map<String, Value>, markdown: &str) {
    if !markdown.trim().is_empty() {
        o.insert("documentation".into(), json!(html(markdown)));
    }
}

/// Markdown → HTML, the form botocore's `documentation` fields take.
pub fn html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new(markdown);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    pulldown_cmark::html::push_html(&mut out, parser);
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Operation, Paginator, Structure};

    fn service() -> Service {
        let mut s = Service { name: "svc".into(), class_name: "Svc".into(), api_version: Some("2020-01-01".into()), ..Default::default() };
        s.operations.insert(
            "ListThings".into(),
            Operation {
                name: "ListThings".into(),
                method: "list_things".into(),
                docs: "Lists `things`.".into(),
                input: Some("ListThingsInput".into()),
                output: None,
                errors: vec!["NotFound".into()],
                ..Default::default()
            },
        );
        let input = Structure {
            members: vec![Member { name: "Token".into(), target: "String".into(), required: true, ..Default::default() }],
            ..Default::default()
        };
        s.shapes.insert("ListThingsInput".into(), Shape::new("ListThingsInput", String::new(), ShapeKind::Structure(input)));
        s.shapes.insert("String".into(), Shape::new("String", String::new(), ShapeKind::String));
        s.shapes.insert("Doc".into(), Shape::new("Doc", String::new(), ShapeKind::Document));
        s.paginators.insert(
            "ListThings".into(),
            Paginator {
                operation: "ListThings".into(),
                input_token: vec!["Token".into()],
                output_token: vec!["A".into(), "B".into()],
                limit_key: None,
                result_key: vec!["Things".into()],
                more_results: None,
            },
        );
        s
    }

    #[test]
    fn botocore_layout() {
        let v = service_json(&service());
        assert_eq!(v["metadata"]["apiVersion"], "2020-01-01");
        let op = &v["operations"]["ListThings"];
        assert_eq!(op["input"]["shape"], "ListThingsInput");
        assert!(op.get("output").is_none());
        assert_eq!(op["errors"][0]["shape"], "NotFound");
        assert_eq!(op["documentation"], "<p>Lists <code>things</code>.</p>");
        assert_eq!(v["shapes"]["ListThingsInput"]["required"], json!(["Token"]));
        assert_eq!(v["shapes"]["Doc"], json!({"type": "structure", "members": {}, "document": true}));
    }

    #[test]
    fn paginator_tokens_one_or_many() {
        let v = paginators_json(&service());
        let p = &v["pagination"]["ListThings"];
        assert_eq!(p["input_token"], "Token");
        assert_eq!(p["output_token"], json!(["A", "B"]));
        assert_eq!(p["result_key"], "Things");
        assert!(p.get("limit_key").is_none());
    }

    /// The XML-era traits in botocore's places: member references (`locationName` of a body
    /// member, `queryName`, `flattened`, `xmlAttribute`, `xmlNamespace`), list and map parts,
    /// the output's `resultWrapper`, the input's root element, the error code.
    #[test]
    fn xml_traits() {
        use crate::model::{HttpBinding, MemberXml, Protocol, XmlNamespace, XmlRoot};
        let mut s = service();
        s.protocol = Some(Protocol { kind: ProtocolKind::Query, signing_name: "svc".into(), endpoint_prefix: "svc".into(), xml_namespace: Some("https://svc.amazonaws.com/doc/2020-01-01/".into()) });
        let op = s.operations.get_mut("ListThings").unwrap();
        op.output = Some("ListThingsOutput".into());
        op.result_wrapper = Some("ListThingsResult".into());
        op.input_root = Some(XmlRoot { name: "ListThingsRequest".into(), namespace: Some(XmlNamespace { prefix: None, uri: "http://svc/".into() }) });
        op.http = Some(HttpBinding { method: "POST".into(), uri: "/".into(), response_code: None });
        let xml = MemberXml {
            name: Some("thingSet".into()),
            query_name: Some("Thing".into()),
            flattened: true,
            attribute: false,
            namespace: Some(XmlNamespace { prefix: Some("xsi".into()), uri: "http://www.w3.org/2001/XMLSchema-instance".into() }),
        };
        let members = vec![
            Member { name: "Things".into(), target: "ThingList".into(), xml, ..Default::default() },
            Member { name: "Type".into(), target: "String".into(), xml: MemberXml { name: Some("xsi:type".into()), attribute: true, ..Default::default() }, ..Default::default() },
            Member { name: "Tags".into(), target: "TagMap".into(), location: Some(Location::Header), location_name: Some("x-amz-meta-".into()), xml: MemberXml { name: Some("ignored".into()), ..Default::default() }, ..Default::default() },
        ];
        s.shapes.insert("ListThingsOutput".into(), Shape::new("ListThingsOutput", "", ShapeKind::Structure(Structure { members, ..Default::default() })));
        let mut list = Shape::new("ThingList", "", ShapeKind::List { member: "String".into() });
        list.xml.member_name = Some("item".into());
        s.shapes.insert("ThingList".into(), list);
        let mut map = Shape::new("TagMap", "", ShapeKind::Map { key: "String".into(), value: "String".into() });
        (map.xml.key_name, map.xml.value_name) = (Some("Name".into()), Some("Value".into()));
        s.shapes.insert("TagMap".into(), map);
        s.shapes.insert("NotFound".into(), Shape::new("NotFound", "", ShapeKind::Structure(Structure { exception: true, error_status: Some(404), error_code: Some("NoSuchThing".into()), ..Default::default() })));

        let v = service_json(&s);
        assert_eq!((&v["metadata"]["protocol"], &v["metadata"]["xmlNamespace"]), (&json!("query"), &json!("https://svc.amazonaws.com/doc/2020-01-01/")));
        let op = &v["operations"]["ListThings"];
        assert_eq!(op["http"], json!({ "method": "POST", "requestUri": "/" }));
        assert_eq!(op["output"], json!({ "shape": "ListThingsOutput", "resultWrapper": "ListThingsResult" }));
        assert_eq!(op["input"], json!({ "shape": "ListThingsInput", "locationName": "ListThingsRequest", "xmlNamespace": { "uri": "http://svc/" } }));
        let members = &v["shapes"]["ListThingsOutput"]["members"];
        assert_eq!(
            members["Things"],
            json!({ "shape": "ThingList", "locationName": "thingSet", "queryName": "Thing", "flattened": true, "xmlNamespace": { "prefix": "xsi", "uri": "http://www.w3.org/2001/XMLSchema-instance" } })
        );
        assert_eq!(members["Type"], json!({ "shape": "String", "locationName": "xsi:type", "xmlAttribute": true }));
        assert_eq!(members["Tags"], json!({ "shape": "TagMap", "location": "headers", "locationName": "x-amz-meta-" }), "a bound member's name is its location's");
        assert_eq!(v["shapes"]["ThingList"]["member"], json!({ "shape": "String", "locationName": "item" }));
        assert_eq!((&v["shapes"]["TagMap"]["key"]["locationName"], &v["shapes"]["TagMap"]["value"]["locationName"]), (&json!("Name"), &json!("Value")));
        assert_eq!(v["shapes"]["NotFound"]["error"], json!({ "code": "NoSuchThing", "httpStatusCode": 404 }));
    }
}
