/* The skip link must move keyboard focus to the content. Instant
 * navigation treats it as a page change and swaps the page in, so focus
 * fell back to the top and the next Tab went to the menu. This handler
 * runs first (capture phase), keeps the click from instant navigation,
 * and focuses the target heading, which also scrolls to it. Deferred: it
 * runs after parsing, so it never holds up the page.
 */
window.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-skip");
  var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();
  // replaceState, not location.hash: a hash change fires popstate,
  // and instant navigation would swap the page in again.
  history.replaceState(history.state, "", link.hash);
  target.setAttribute("tabindex", "-1");
  target.focus();
}, true);
