//! The fleet table: one row per AP, sortable by every column (buttons in the headers,
//! with `aria-sort`), a text filter, and rows that open in place. Only the rows near the
//! box's scroll position are drawn ([`window`]), with spacers for the rest: a run of 1,000
//! APs updates every frame, and drawing (or even diffing) 1,000 rows took 50-70 ms
//! tasks (measured on CAMPUS); 80 rows take a few.

use super::fleet_row::FleetRowView;
use crate::fleet::{visible_rows, Column, FleetRun, SortOrder};
use crate::hooks::use_instance_id;
use crate::words::{Messages, Msg};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows drawn above the first one in view, and in all.
const ROWS_BEFORE: usize = 20;
const ROWS_DRAWN: usize = 80;
/// A row's height (px) until one is measured.
const ROW_PX: f64 = 36.0;

/// The rows to draw, `start..end` of `len`, when row `first` is at the top of the box.
pub fn window(first: usize, len: usize) -> (usize, usize) {
    let start = first
        .saturating_sub(ROWS_BEFORE)
        .min(len.saturating_sub(ROWS_DRAWN));
    (start, (start + ROWS_DRAWN).min(len))
}

/// A row of `px` height standing for rows not drawn: its height is an SVG attribute, not a
/// `style` (the widget runs under a strict CSP).
fn spacer(px: f64) -> Html {
    if px < 1.0 {
        return html! {};
    }
    html! {
        <tr class="apw-fleet__spacer" aria-hidden="true">
            <td colspan={super::fleet_row::COLUMNS.to_string()}><svg width="1" height={format!("{}", px.round() as u64)} /></td>
        </tr>
    }
}

/// Props of [`FleetTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct FleetTableProps {
    /// The run; its rows in the list's order.
    pub run: Rc<FleetRun>,
    #[prop_or_default]
    pub messages: Messages,
}

fn label(column: Column) -> Msg {
    match column {
        Column::Name => Msg::FleetColumnName,
        Column::Serial => Msg::FleetColumnSerial,
        Column::Model => Msg::FleetColumnModel,
        Column::Status => Msg::FleetColumnStatus,
        Column::Loss => Msg::FleetColumnLoss,
        Column::Median => Msg::FleetColumnMedian,
        Column::Avg => Msg::AvgRtt,
        Column::Jitter => Msg::Jitter,
    }
}

/// The filter, the table and its rows.
#[function_component]
pub fn FleetTable(props: &FleetTableProps) -> Html {
    let m = &props.messages;
    let order = use_state_eq(|| None::<SortOrder>);
    let filter = use_state_eq(String::new);
    let open = use_state_eq(|| None::<usize>);
    let id = use_instance_id();
    let shown = {
        let (run, order, filter) = (props.run.clone(), *order, (*filter).clone());
        use_memo((run, order, filter), |(run, order, filter)| {
            visible_rows(&run.rows, *order, filter)
        })
    };
    // Which row is at the top of the box, and how high a row is (measured once drawn).
    let first = use_state_eq(|| 0usize);
    let row_px = use_state_eq(|| ROW_PX);
    let scroller = use_node_ref();
    {
        let (scroller, row_px) = (scroller.clone(), row_px.clone());
        use_effect(move || {
            let height = scroller
                .cast::<web_sys::Element>()
                .and_then(|b| b.query_selector(".apw-fleet__row").ok().flatten())
                .and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|r| f64::from(r.offset_height()))
                .filter(|h| *h > 0.0);
            if let Some(h) = height {
                row_px.set(h);
            }
        });
    }
    let on_scroll = {
        let (scroller, first, row_px) = (scroller.clone(), first.clone(), *row_px);
        Callback::from(move |_: Event| {
            if let Some(b) = scroller.cast::<web_sys::Element>() {
                first.set((f64::from(b.scroll_top()) / row_px).max(0.0) as usize);
            }
        })
    };
    let (start, end) = window(*first, shown.len());
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |i: usize| open.set((*open != Some(i)).then_some(i)))
    };
    let header = |column: Column| {
        let sorted = order.filter(|o| o.column == column);
        let aria_sort = sorted.map(|o| {
            AttrValue::Static(if o.descending {
                "descending"
            } else {
                "ascending"
            })
        });
        let onclick = {
            let order = order.clone();
            Callback::from(move |_| order.set(Some(SortOrder::clicked(*order, column))))
        };
        let class = classes!(
            "apw-fleet__sort",
            sorted.map(|o| if o.descending {
                "apw-fleet__sort--desc"
            } else {
                "apw-fleet__sort--asc"
            })
        );
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" {class} {onclick}>{ m.get(label(column)) }</button>
            </th>
        }
    };
    let filter_id = format!("{id}-filter");
    html! {
        <div class="apw-fleet__table">
            <div class="apw-fleet__filter">
                <label for={filter_id.clone()}>{ m.get(Msg::FleetFilter) }</label>
                <input id={filter_id} type="search" class="apw-input" value={(*filter).clone()} oninput={on_filter} autocomplete="off" />
            </div>
            <div class="apw-table-wrap apw-fleet__box" tabindex="0" role="region" aria-label={m.get(Msg::FleetCaption)} ref={scroller} onscroll={on_scroll}>
                <table class="apw-table apw-fleet__grid" aria-rowcount={(shown.len() + 1).to_string()}>
                    <caption class="apw-visually-hidden">{ m.get(Msg::FleetCaption) }</caption>
                    <thead>
                        <tr aria-rowindex="1">
                            { for Column::ALL.into_iter().map(header) }
                            <th scope="col">{ m.get(Msg::FleetColumnRtts) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { spacer(start as f64 * *row_px) }
                        { for shown[start..end].iter().enumerate().map(|(k, &i)| {
                            let row = props.run.rows[i].clone();
                            let key = row.ap.serial.clone();
                            html! {
                                <FleetRowView {key} {row} index={i} position={start + k} open={*open == Some(i)}
                                    on_toggle={on_toggle.clone()} messages={m.clone()} />
                            }
                        }) }
                        { spacer((shown.len() - end) as f64 * *row_px) }
                    </tbody>
                </table>
            </div>
            if shown.is_empty() && !props.run.rows.is_empty() {
                <p class="apw-empty">{ m.get(Msg::FleetNoMatch) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_first_row_in_view_and_stays_inside_the_rows() {
        assert_eq!(window(0, 1001), (0, 80));
        assert_eq!(window(10, 1001), (0, 80));
        assert_eq!(window(500, 1001), (480, 560));
        assert_eq!(
            window(1000, 1001),
            (921, 1001),
            "the last rows fill the window"
        );
        assert_eq!(window(5000, 1001), (921, 1001), "a stale scroll position");
        assert_eq!(window(3, 40), (0, 40), "a short table is drawn whole");
        assert_eq!(window(0, 0), (0, 0));
    }
}
