//! The browser's parsed JSON (`JSON.parse`) to the contract's types, through their serde derives.
//!
//! Not serde-wasm-bindgen's deserializer: its errors are formatted messages, and formatting serde's `Unexpected`
//! links Rust's float formatting, 11 KB of wasm that the size budget cannot spare. Here an answer that does not fit
//! its type is [`Malformed`], with no message: the console only ever reports it as a malformed response.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// JSON numbers that are integers up to this size are exact in a JS number.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// `value` as a `T`, or [`Malformed`] when its shape is not `T`'s.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Malformed> {
    T::deserialize(Js(value))
}

#[derive(Debug, PartialEq, Eq)]
pub struct Malformed;

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed JSON value")
    }
}

impl std::error::Error for Malformed {}

/// Every constructor is overridden: the defaults would format their arguments.
impl de::Error for Malformed {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Malformed
    }
    fn invalid_type(_: Unexpected, _: &dyn Expected) -> Self {
        Malformed
    }
    fn invalid_value(_: Unexpected, _: &dyn Expected) -> Self {
        Malformed
    }
    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Malformed
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Malformed
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Malformed
    }
    fn missing_field(_: &'static str) -> Self {
        Malformed
    }
    fn duplicate_field(_: &'static str) -> Self {
        Malformed
    }
}

struct Js(JsValue);

impl<'de> de::Deserializer<'de> for Js {
    type Error = Malformed;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(flag) = value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = value.as_f64() {
            match number {
                n if n.fract() != 0.0 || n.abs() > MAX_SAFE_INTEGER => visitor.visit_f64(n),
                n if n < 0.0 => visitor.visit_i64(n as i64),
                n => visitor.visit_u64(n as u64),
            }
        } else if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if js_sys::Array::is_array(&value) {
            visitor.visit_seq(Seq { array: value.unchecked_into(), next: 0 })
        } else if value.is_object() {
            let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
            visitor.visit_map(Map { object: value, keys, next: 0 })
        } else {
            Err(Malformed)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Malformed> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// The contract's enums are strings naming unit variants (`"auto"`, `"advanced"`, …).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        let name = self.0.as_string().ok_or(Malformed)?;
        visitor.visit_enum(name.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Malformed> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct Seq {
    array: js_sys::Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = Malformed;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Malformed> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(Js(item)).map(Some)
    }
}

struct Map {
    object: JsValue,
    keys: js_sys::Array,
    next: u32,
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = Malformed;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Malformed> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        seed.deserialize(Js(self.keys.get(self.next))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Malformed> {
        let key = self.keys.get(self.next);
        self.next += 1;
        let value = js_sys::Reflect::get(&self.object, &key).map_err(|_| Malformed)?;
        seed.deserialize(Js(value))
    }
}
