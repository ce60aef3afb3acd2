//! The fleet table: one row per AP, sortable by every column (buttons in the headers,
//! with `aria-sort`), a text filter, and rows that open in place. Long tables are drawn
//! over frames (`use_progressive`): 1,000 rows never make one long task.

use super::fleet_row::FleetRowView;
use crate::fleet::{visible_rows, Column, FleetRun, SortOrder};
use crate::hooks::{use_instance_id, use_progressive};
use crate::words::{Messages, Msg};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows drawn in the first frame, then in each later one.
const ROWS_PER_FRAME: u32 = 60;

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
    let drawn = use_progressive(shown.len() as u32, ROWS_PER_FRAME, ROWS_PER_FRAME) as usize;
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
            <div class="apw-table-wrap apw-fleet__box" tabindex="0" role="region" aria-label={m.get(Msg::FleetCaption)}>
                <table class="apw-table apw-fleet__grid">
                    <caption class="apw-visually-hidden">{ m.get(Msg::FleetCaption) }</caption>
                    <thead>
                        <tr>
                            { for Column::ALL.into_iter().map(header) }
                            <th scope="col">{ m.get(Msg::FleetColumnRtts) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for shown.iter().take(drawn).map(|&i| {
                            let row = props.run.rows[i].clone();
                            let key = row.ap.serial.clone();
                            html! {
                                <FleetRowView {key} {row} index={i} open={*open == Some(i)}
                                    on_toggle={on_toggle.clone()} messages={m.clone()} />
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if shown.is_empty() && !props.run.rows.is_empty() {
                <p class="apw-empty">{ m.get(Msg::FleetNoMatch) }</p>
            }
        </div>
    }
}
