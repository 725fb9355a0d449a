//! The contract's types to JS values, through their serde derives: the PUT body (then `JSON.stringify`) and the
//! host page's event details. The counterpart of [`super::from_js`].
//!
//! Not serde-wasm-bindgen's serializer: it keeps a cache of interned field names (a hash map of JS strings) and
//! formats its error messages, neither of which the console needs. This one writes what
//! `serde_wasm_bindgen::Serializer::json_compatible()` wrote for these types: objects for structs and maps, `null`
//! for `None` and `()`, a variant's name for a unit variant, numbers for integers that a JS number holds exactly
//! (anything larger is an error), arrays of numbers for bytes, and `{ variant: value }` for the other variants.

use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

use super::Malformed;

/// Integers beyond this are not exact in a JS number.
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// `value` as a JS value, or [`Malformed`] when it holds what JSON cannot (a map with keys other than strings, an
/// integer no JS number holds exactly).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Malformed> {
    value.serialize(Js)
}

impl ser::Error for Malformed {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Malformed
    }
}

struct Js;

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Only a proxy or a frozen object can refuse, and these are plain new objects.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// `{ variant: value }`.
fn wrapped(variant: &str, value: &JsValue) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, variant, value);
    object.into()
}

fn integer(value: u64) -> Result<JsValue, Malformed> {
    if value <= MAX_SAFE_INTEGER {
        Ok(JsValue::from_f64(value as f64))
    } else {
        Err(Malformed)
    }
}

impl ser::Serializer for Js {
    type Ok = JsValue;
    type Error = Malformed;
    type SerializeSeq = Array;
    type SerializeTuple = Array;
    type SerializeTupleStruct = Array;
    type SerializeTupleVariant = Variant<Array>;
    type SerializeMap = Map;
    type SerializeStruct = Object;
    type SerializeStructVariant = Variant<Object>;

    fn serialize_bool(self, v: bool) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue, Malformed> {
        if v.unsigned_abs() <= MAX_SAFE_INTEGER {
            Ok(JsValue::from_f64(v as f64))
        } else {
            Err(Malformed)
        }
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue, Malformed> {
        integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<JsValue, Malformed> {
        Ok(v.iter().map(|&byte| JsValue::from_f64(byte.into())).collect::<js_sys::Array>().into())
    }
    fn serialize_none(self) -> Result<JsValue, Malformed> {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Malformed> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue, Malformed> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<JsValue, Malformed> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<JsValue, Malformed> {
        Ok(JsValue::from_str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<JsValue, Malformed> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<JsValue, Malformed> {
        Ok(wrapped(variant, &value.serialize(self)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Array, Malformed> {
        Ok(Array(js_sys::Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Array, Malformed> {
        Ok(Array(js_sys::Array::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Array, Malformed> {
        Ok(Array(js_sys::Array::new()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<Array>, Malformed> {
        Ok(Variant(variant, Array(js_sys::Array::new())))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map, Malformed> {
        Ok(Map(js_sys::Object::new(), None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object, Malformed> {
        Ok(Object(js_sys::Object::new()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<Object>, Malformed> {
        Ok(Variant(variant, Object(js_sys::Object::new())))
    }
}

pub struct Array(js_sys::Array);

impl Array {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        self.0.push(&value.serialize(Js)?);
        Ok(())
    }
}

impl ser::SerializeSeq for Array {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(self.0.into())
    }
}

impl ser::SerializeTuple for Array {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(self.0.into())
    }
}

impl ser::SerializeTupleStruct for Array {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(self.0.into())
    }
}

pub struct Object(js_sys::Object);

impl ser::SerializeStruct for Object {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Malformed> {
        set(&self.0, key, &value.serialize(Js)?);
        Ok(())
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(self.0.into())
    }
}

/// A map's object, and the key of the entry being written.
pub struct Map(js_sys::Object, Option<String>);

impl ser::SerializeMap for Map {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Malformed> {
        self.1 = Some(key.serialize(Js)?.as_string().ok_or(Malformed)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        let key = self.1.take().ok_or(Malformed)?;
        set(&self.0, &key, &value.serialize(Js)?);
        Ok(())
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(self.0.into())
    }
}

/// A tuple or struct variant's fields, written as `{ variant: fields }`.
pub struct Variant<T>(&'static str, T);

impl ser::SerializeTupleVariant for Variant<Array> {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Malformed> {
        self.1.push(value)
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(wrapped(self.0, &self.1 .0.into()))
    }
}

impl ser::SerializeStructVariant for Variant<Object> {
    type Ok = JsValue;
    type Error = Malformed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Malformed> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<JsValue, Malformed> {
        Ok(wrapped(self.0, &self.1 .0.into()))
    }
}
