//! The accessible progress bar of a running ping test.

use yew::prelude::*;

/// Props of [`ProgressBar`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProgressBarProps {
    /// 0..=100, or `None` while the API has not reported progress (shown as indeterminate).
    pub percent: Option<f64>,
    /// Accessible name of the bar.
    #[prop_or(AttrValue::Static("Ping test progress"))]
    pub label: AttrValue,
}

/// A `role="progressbar"` with `aria-valuenow`.
///
/// The fill is an SVG `rect` whose `width` is an attribute, not a `style`: the widget must work
/// under a Content-Security-Policy without `'unsafe-inline'` styles.
#[function_component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let value = props.percent.map(clamp_percent);
    let now = value.map(|v| AttrValue::from(v.to_string()));
    let text = value.map(|v| AttrValue::from(v.to_string() + "%"));
    let fill_width = value.unwrap_or(0).to_string();
    let class = classes!(
        "apw-progress",
        value.is_none().then_some("apw-progress--indeterminate")
    );
    html! {
        <div class={class} role="progressbar" aria-label={props.label.clone()}
             aria-valuemin="0" aria-valuemax="100" aria-valuenow={now} aria-valuetext={text.clone()}>
            <svg class="apw-progress__track" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect class="apw-progress__rail" x="0" y="0" width="100" height="4" rx="2" />
                <rect class="apw-progress__fill" x="0" y="0" width={fill_width} height="4" rx="2" />
            </svg>
            <span class="apw-progress__value">{ text.unwrap_or(AttrValue::Static("…")) }</span>
        </div>
    }
}

/// Rounds to a whole percent inside 0..=100; NaN reads as 0.
pub fn clamp_percent(p: f64) -> u8 {
    if p.is_nan() {
        0
    } else {
        p.round().clamp(0.0, 100.0) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::clamp_percent;

    #[test]
    fn percent_is_rounded_and_kept_in_range() {
        assert_eq!(clamp_percent(41.6), 42);
        assert_eq!(clamp_percent(-3.0), 0);
        assert_eq!(clamp_percent(250.0), 100);
        assert_eq!(clamp_percent(f64::NAN), 0);
    }
}
