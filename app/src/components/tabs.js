// Turns the server-rendered NHS.UK tabs markup (tabs.rs) into ARIA tabs on screens at least
// tablet-wide, following the design system's behaviour: one panel shown at a time, the arrow keys
// move between tabs, and below the tablet breakpoint the plain list of links comes back. Without
// this script the list of links and every panel remain, which is the design system's own fallback.
const TABLET_AND_UP = window.matchMedia("(min-width: 40.0625em)");
const HIDDEN_PANEL = "nhsuk-tabs__panel--hidden";
const SELECTED_ITEM = "nhsuk-tabs__list-item--selected";
const KEY_STEPS = { ArrowRight: 1, ArrowLeft: -1 };

function setOrRemove(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

function enhance(root) {
  const list = root.querySelector(".nhsuk-tabs__list");
  const tabs = [...root.querySelectorAll("a.nhsuk-tabs__tab")];
  const panels = tabs.map((tab) => document.getElementById(tab.hash.slice(1)));
  if (!list || tabs.length === 0 || panels.includes(null)) return;
  let selected = 0;

  function render() {
    const on = TABLET_AND_UP.matches;
    const when = (value) => (on ? value : null);
    root.classList.toggle("nhsuk-frontend-supported", on);
    setOrRemove(list, "role", when("tablist"));
    tabs.forEach((tab, i) => {
      const panel = panels[i];
      const isSelected = i === selected;
      tab.parentElement.classList.toggle(SELECTED_ITEM, isSelected);
      setOrRemove(tab.parentElement, "role", when("presentation"));
      setOrRemove(tab, "id", when(`tab_${panel.id}`));
      setOrRemove(tab, "role", when("tab"));
      setOrRemove(tab, "aria-controls", when(panel.id));
      setOrRemove(tab, "aria-selected", when(String(isSelected)));
      setOrRemove(tab, "tabindex", when(isSelected ? "0" : "-1"));
      panel.classList.toggle(HIDDEN_PANEL, on && !isSelected);
      setOrRemove(panel, "role", when("tabpanel"));
      setOrRemove(panel, "aria-labelledby", when(`tab_${panel.id}`));
    });
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener("click", (event) => {
      if (!TABLET_AND_UP.matches) return;
      event.preventDefault();
      selected = i;
      render();
    });
    tab.addEventListener("keydown", (event) => {
      const step = KEY_STEPS[event.key];
      if (!step || !TABLET_AND_UP.matches) return;
      event.preventDefault();
      selected = (selected + step + tabs.length) % tabs.length;
      render();
      tabs[selected].focus();
    });
  });
  TABLET_AND_UP.addEventListener("change", render);
  render();
}

document.querySelectorAll("[data-casebook-tabs]").forEach(enhance);
