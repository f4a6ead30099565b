//! Static descriptions of shapes, for the protocols whose wire form the JSON value alone
//! cannot give: query and ec2 requests (form keys), XML bodies (element names, lists,
//! attributes, namespaces) and XML responses (text to typed values).
//!
//! The generated code emits one `static` per shape it needs, pointing at each other
//! (recursive shapes are a cycle of statics), and hands an operation's [`OperationSchema`]
//! to the transport with the input. The input and output stay JSON values keyed by member
//! name, as for the JSON protocols; the schema says how each member maps to the wire.

/// A shape: scalar kinds as the wire writes them, and the aggregates with their members.
#[derive(Debug)]
pub enum Shape {
    /// Strings and enums.
    String,
    Boolean,
    /// 32- and 64-bit integers.
    Integer,
    Long,
    Float,
    Double,
    /// ISO 8601 in XML and query (the protocols' default), epoch seconds in the JSON value.
    Timestamp,
    /// Base64 in XML, query and the JSON value; raw bytes as a payload.
    Blob,
    /// Free-form JSON: passed through as text.
    Document,
    Structure(&'static [Member]),
    List(&'static ListShape),
    Map(&'static MapShape),
}

/// A member of a structure, or the item of a list, the key or value of a map.
#[derive(Debug)]
pub struct Member {
    /// The member's name in the JSON value (the model's member name).
    pub name: &'static str,
    /// The element name, or the query key, when it is not [`Self::name`] (botocore's
    /// `locationName`). For a list item: the item element (`member` when `None`; ec2's
    /// `item`); for a map: `key` / `value` when `None`.
    pub xml_name: Option<&'static str>,
    /// ec2 only: the request key when it is not the capitalised name (botocore's `queryName`).
    pub query_name: Option<&'static str>,
    pub shape: &'static Shape,
    /// A list or map member written as repeated elements without a wrapper.
    pub flattened: bool,
    /// Written as an attribute of the parent element (`xsi:type`).
    pub attribute: bool,
    /// The element's own `xmlns` declaration.
    pub namespace: Option<XmlNamespace>,
}

impl Member {
    /// A plain member: element named as the member, a child element, no namespace.
    pub const fn new(name: &'static str, shape: &'static Shape) -> Member {
        Member { name, xml_name: None, query_name: None, shape, flattened: false, attribute: false, namespace: None }
    }

    /// The element (or query key) name on the wire.
    pub fn wire_name(&self) -> &'static str {
        self.xml_name.unwrap_or(self.name)
    }
}

/// A list: its item member (whose [`Member::xml_name`] names the item element).
#[derive(Debug)]
pub struct ListShape {
    pub member: Member,
    /// Items repeated without a wrapper, whatever member refers to the list.
    pub flattened: bool,
}

/// A map: key and value members (`xml_name` `None` means `key` / `value`).
#[derive(Debug)]
pub struct MapShape {
    pub key: Member,
    pub value: Member,
    pub flattened: bool,
}

/// An `xmlns` (`prefix: None`) or `xmlns:prefix` declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlNamespace {
    pub prefix: Option<&'static str>,
    pub uri: &'static str,
}

/// What the transport needs of one operation of an XML protocol, beside its
/// [`crate::HttpBinding`] (rest-xml).
#[derive(Debug)]
pub struct OperationSchema {
    /// The input structure; `None` without input. All its members, those a rest-xml
    /// binding places in the URI or headers included (they are left out of the body).
    pub input: Option<&'static Shape>,
    /// The output structure; `None` without output. All its members, header- and
    /// status-bound ones included: a rest-xml [`crate::HttpBinding`] lists the input's and
    /// the output's members together, and this is how the decoder tells the output's apart.
    pub output: Option<&'static Shape>,
    /// query: the element inside `<OpResponse>` that holds the output's members
    /// (`ListUsersResult`).
    pub result_wrapper: Option<&'static str>,
    /// rest-xml: the request document's root when the input itself is the body (no payload
    /// member): its name and namespace.
    pub input_root: Option<(&'static str, Option<XmlNamespace>)>,
}

/// Schemas are statics: two are the same schema when they are the same static (comparing
/// recursive shapes by value would not end).
impl PartialEq for OperationSchema {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for OperationSchema {}

/// The scalar shapes, shared by every generated service.
pub static STRING: Shape = Shape::String;
pub static BOOLEAN: Shape = Shape::Boolean;
pub static INTEGER: Shape = Shape::Integer;
pub static LONG: Shape = Shape::Long;
pub static FLOAT: Shape = Shape::Float;
pub static DOUBLE: Shape = Shape::Double;
pub static TIMESTAMP: Shape = Shape::Timestamp;
pub static BLOB: Shape = Shape::Blob;
pub static DOCUMENT: Shape = Shape::Document;
/// A structure without members (an empty input or output).
pub static EMPTY: Shape = Shape::Structure(&[]);

#[cfg(test)]
mod tests {
    use super::*;

    // Recursive shapes are a cycle of statics: this must compile and be walkable.
    static NODE: Shape = Shape::Structure(&[Member::new("Name", &STRING), Member::new("Children", &NODES)]);
    static NODES: Shape = Shape::List(&ListShape { member: Member::new("member", &NODE), flattened: false });

    #[test]
    fn recursive_statics_walk() {
        let Shape::Structure(members) = &NODE else { panic!("structure") };
        let Shape::List(list) = members[1].shape else { panic!("list") };
        assert!(std::ptr::eq(list.member.shape, &NODE));
        assert_eq!(members[0].wire_name(), "Name");
    }
}
