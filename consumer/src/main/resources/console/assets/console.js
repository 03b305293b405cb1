// Progressive help only: every page and form works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // A "select all" box ticks or clears the boxes of the form it belongs to.
  document.querySelectorAll("input[data-select-all]").forEach((all) => {
    all.addEventListener("change", () => {
      all.form.querySelectorAll("input[type=checkbox][name=" + all.dataset.selectAll + "]")
        .forEach((box) => { box.checked = all.checked; });
    });
  });
});
