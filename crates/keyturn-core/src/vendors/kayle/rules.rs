//! Kayle's own rules for what it accepts, checked before anything is sent so a
//! refusal costs no call and reads as a sentence.

use std::collections::BTreeMap;

use crate::keys::model::{DraftField, KeyDraft, MetadataValue};
use crate::vendors::error::{VendorError, VendorErrorKind};

pub const PERMISSIONS: [&str; 5] = [
    "webhooks:read",
    "webhooks:write",
    "sessions:read",
    "sessions:write",
    "analytics:read",
];
pub const MAX_NAME_LENGTH: usize = 120;
pub const MAX_METADATA_KEYS: usize = 20;
pub const MAX_METADATA_KEY_LENGTH: usize = 64;
pub const MAX_METADATA_TEXT_LENGTH: usize = 512;

pub fn refused(message: impl Into<String>) -> VendorError {
    VendorError::new(VendorErrorKind::InvalidRequest, message)
}

/// Every rule a new key's draft must meet.
pub fn draft(draft: &KeyDraft) -> Result<(), VendorError> {
    name(draft.name.as_deref())?;
    permissions(&draft.scopes)?;
    metadata(&draft.metadata)
}

/// Kayle measures lengths as JavaScript does, in UTF-16 units.
fn js_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The trimmed name Kayle stores.
pub fn name(raw: Option<&str>) -> Result<&str, VendorError> {
    let name = raw.map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err(VendorError::invalid_draft(
            DraftField::Name,
            "Give the Kayle ID key a name.",
        ));
    }
    if js_length(name) > MAX_NAME_LENGTH {
        return Err(VendorError::invalid_draft(
            DraftField::Name,
            format!("Keep the Kayle ID key's name to {MAX_NAME_LENGTH} characters."),
        ));
    }
    Ok(name)
}

pub fn permissions(chosen: &[String]) -> Result<(), VendorError> {
    if chosen.is_empty() {
        return Err(VendorError::invalid_draft(
            DraftField::Scopes,
            "Choose at least one permission for the Kayle ID key.",
        ));
    }
    if let Some(unknown) = chosen.iter().find(|p| !PERMISSIONS.contains(&p.as_str())) {
        return Err(VendorError::invalid_draft(
            DraftField::Scopes,
            format!(
                "Kayle ID has no permission {unknown:?}; choose from {}.",
                PERMISSIONS.join(", ")
            ),
        ));
    }
    Ok(())
}

pub fn metadata(entries: &BTreeMap<String, MetadataValue>) -> Result<(), VendorError> {
    if entries.len() > MAX_METADATA_KEYS {
        return Err(metadata_refused(format!(
            "A Kayle ID key takes at most {MAX_METADATA_KEYS} metadata entries; this one has {}.",
            entries.len()
        )));
    }
    for (key, value) in entries {
        let key_ok = !key.is_empty()
            && key.len() <= MAX_METADATA_KEY_LENGTH
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.:-".contains(&b));
        if !key_ok {
            return Err(metadata_refused(format!(
                "The metadata key {key:?} is not allowed: use 1 to {MAX_METADATA_KEY_LENGTH} letters, digits or _ . : -."
            )));
        }
        match value {
            MetadataValue::Text(text) if js_length(text) > MAX_METADATA_TEXT_LENGTH => {
                return Err(metadata_refused(format!(
                    "The metadata value of {key:?} is too long: keep it to {MAX_METADATA_TEXT_LENGTH} characters."
                )))
            }
            MetadataValue::Number(n) if !n.is_finite() => {
                return Err(metadata_refused(format!(
                    "The metadata value of {key:?} must be a finite number."
                )))
            }
            _ => {}
        }
    }
    Ok(())
}

fn metadata_refused(message: String) -> VendorError {
    VendorError::invalid_draft(DraftField::Metadata, message)
}

/// Kayle's ids are UUIDs as Zod checks them: versions 1 to 8 with the RFC variant,
/// or the nil and max UUIDs.
pub fn is_uuid(id: &str) -> bool {
    let bytes = id.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    let lower = id.to_ascii_lowercase();
    if lower == "00000000-0000-0000-0000-000000000000"
        || lower == "ffffffff-ffff-ffff-ffff-ffffffffffff"
    {
        return true;
    }
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    });
    shape_ok && (b'1'..=b'8').contains(&bytes[14]) && b"89abAB".contains(&bytes[19])
}

pub fn key_id(id: &str) -> Result<(), VendorError> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(refused(format!(
            "{id:?} is not a Kayle ID key id (Kayle's ids are UUIDs); refresh the list."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_as_zod_accepts_them() {
        for ok in [
            "574ebd87-350a-4d55-a4a8-7c108394d521",
            "00000000-0000-4000-8000-000000000000",
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
        ] {
            assert!(is_uuid(ok), "{ok}");
        }
        for bad in [
            "",
            "nope",
            "kk_1",
            "574ebd87-350a-0d55-a4a8-7c108394d521",
            "574ebd87-350a-4d55-c4a8-7c108394d521",
            "574ebd87-350a-4d55-a4a8-7c108394d52",
            "574ebd87x350a-4d55-a4a8-7c108394d521",
            "../../v1/auth/api-keys/574ebd87-350a",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_measured_in_utf16() {
        assert_eq!(name(Some("  ci key ")).unwrap(), "ci key");
        assert!(name(Some("   ")).is_err());
        assert!(name(None).is_err());
        assert!(name(Some(&"a".repeat(120))).is_ok());
        assert!(name(Some(&"a".repeat(121))).is_err());
        // 60 emoji are 120 UTF-16 units; 61 are too many.
        assert!(name(Some(&"😀".repeat(60))).is_ok());
        assert!(name(Some(&"😀".repeat(61))).is_err());
    }

    #[test]
    fn permissions_need_one_of_the_five() {
        assert!(permissions(&[]).is_err());
        assert!(permissions(&["sessions:read".into(), "sessions:read".into()]).is_ok());
        let error = permissions(&["keys:write".into()]).unwrap_err();
        assert!(error.message.contains("keys:write"), "{}", error.message);
    }

    #[test]
    fn metadata_keys_and_values_follow_kayle() {
        let of = |pairs: &[(&str, MetadataValue)]| -> BTreeMap<String, MetadataValue> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect()
        };
        assert!(metadata(&of(&[
            ("team.core:a-b_c", MetadataValue::Text("x".repeat(512))),
            ("n", MetadataValue::Number(1.5)),
            ("b", MetadataValue::Flag(true)),
        ]))
        .is_ok());
        assert!(metadata(&of(&[("bad key!", MetadataValue::Flag(true))])).is_err());
        assert!(metadata(&of(&[(&"k".repeat(65), MetadataValue::Flag(true))])).is_err());
        assert!(metadata(&of(&[("t", MetadataValue::Text("x".repeat(513)))])).is_err());
        assert!(metadata(&of(&[("n", MetadataValue::Number(f64::INFINITY))])).is_err());
        let many: BTreeMap<String, MetadataValue> = (0..21)
            .map(|i| (format!("k{i}"), MetadataValue::Flag(true)))
            .collect();
        assert!(metadata(&many).is_err());
    }
}
