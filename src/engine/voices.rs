//! The engine's voice list, cached on disk: listing speech-dispatcher's voices takes about 2 s
//! (espeak-ng reports every voice once per variant, some 13,000), too long to pay on every run.
//! The cache lives in the user's cache folder, is keyed by the speech-dispatcher address, and is
//! refreshed when older than a week or when a wanted voice or language is missing from it.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::{EngineError, VoiceInfo};

const MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Default)]
pub struct VoiceList {
    voices: Option<Vec<VoiceInfo>>,
    /// True once the list came from the engine during this run.
    fresh: bool,
}

impl VoiceList {
    /// The voices, from memory, the disk cache or `list` (with `refresh`, always from `list`).
    pub fn get(
        &mut self,
        refresh: bool,
        list: impl FnOnce() -> Result<Vec<VoiceInfo>, EngineError>,
    ) -> Result<&[VoiceInfo], EngineError> {
        if refresh && !self.fresh {
            self.voices = None;
        }
        if self.voices.is_none() && !refresh {
            self.voices = read_cache();
        }
        if self.voices.is_none() {
            let v = list()?;
            write_cache(&v);
            self.voices = Some(v);
            self.fresh = true;
        }
        Ok(self.voices.as_deref().unwrap_or(&[]))
    }

    pub fn is_fresh(&self) -> bool {
        self.fresh
    }
}

fn cache_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "listen")?;
    let address = std::env::var("SPEECHD_ADDRESS").unwrap_or_default();
    Some(dirs.cache_dir().join(cache_name(&address)))
}

/// The cache file for a speech-dispatcher address, named by the crate's stable hash (std's
/// `DefaultHasher` may change between Rust releases, which would orphan the cache).
fn cache_name(address: &str) -> String {
    format!(
        "voices-{:016x}.json",
        crate::hash::fnv1a64(address.as_bytes())
    )
}

fn read_cache() -> Option<Vec<VoiceInfo>> {
    let path = cache_path()?;
    let age = std::fs::metadata(&path)
        .ok()?
        .modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())?;
    if age > MAX_AGE {
        return None;
    }
    let data = std::fs::read(&path).ok()?;
    serde_json::from_slice(&data)
        .ok()
        .filter(|v: &Vec<VoiceInfo>| !v.is_empty())
}

/// Best effort: a cache that cannot be written only costs time on the next run.
fn write_cache(voices: &[VoiceInfo]) {
    let Some(path) = cache_path() else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // One temporary name per process: two runs refreshing at once must not write into the same
    // file and rename a torn one.
    let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
    let written = serde_json::to_vec(voices).is_ok_and(|data| std::fs::write(&tmp, data).is_ok());
    if !written || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The index of the best voice for `lang`: a base voice (not an espeak-ng variant) whose tag
/// matches exactly, then one of the same language, preferring the most common region.
pub fn best_for(voices: &[VoiceInfo], lang: &str) -> Option<usize> {
    let preferred_region = match lang {
        "en" => Some("en-us"),
        "fr" => Some("fr-fr"),
        "es" => Some("es-es"),
        "de" => Some("de-de"),
        "pt" => Some("pt-br"),
        "it" => Some("it-it"),
        "nl" => Some("nl-nl"),
        _ => None,
    };
    let score = |v: &VoiceInfo| {
        let tag = v.lang.to_ascii_lowercase();
        let mut s = 0;
        if !v.is_variant() {
            s += 4;
        }
        if tag == lang.to_ascii_lowercase() || Some(tag.as_str()) == preferred_region {
            s += 2;
        }
        s
    };
    voices
        .iter()
        .enumerate()
        .filter(|(_, v)| v.speaks(lang))
        .max_by_key(|(i, v)| (score(v), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str, lang: &str) -> VoiceInfo {
        VoiceInfo {
            name: name.into(),
            lang: lang.into(),
        }
    }

    #[test]
    fn picks_base_voice_of_language() {
        let list = vec![
            v("French (Belgium)+Max", "fr-BE"),
            v("French (Belgium)", "fr-BE"),
            v("French (France)", "fr-FR"),
            v("English (America)", "en-US"),
        ];
        assert_eq!(best_for(&list, "fr"), Some(2));
        assert_eq!(best_for(&list, "en"), Some(3));
        assert_eq!(best_for(&list, "de"), None);
        assert!(list[0].speaks("fr") && !list[0].speaks("f") && list[0].speaks("fr-BE"));
    }

    #[test]
    fn cache_name_is_stable() {
        assert_eq!(cache_name(""), "voices-cbf29ce484222325.json");
        assert_ne!(cache_name("unix:/tmp/a"), cache_name("unix:/tmp/b"));
    }
}
