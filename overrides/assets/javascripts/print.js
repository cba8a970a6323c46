/* Printing: the handout's "Print" button, folded sections opened on paper,
   and external links marked so print.css can show their address.
   Listeners sit on the document, so they survive Material's instant
   navigation, which swaps page content without reloading this script. */

document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-guide-print]");
  if (button) {
    window.print();
  }
});

/* A closed <details> hides its content on paper too. Open every one just
   for printing, then fold back the ones the reader had closed. */
var guideOpenedForPrint = [];

window.addEventListener("beforeprint", function () {
  guideOpenedForPrint = Array.prototype.filter.call(
    document.querySelectorAll("details:not([open])"),
    function (details) {
      details.open = true;
      return true;
    });
});

window.addEventListener("afterprint", function () {
  guideOpenedForPrint.forEach(function (details) {
    details.open = false;
  });
  guideOpenedForPrint = [];
});

/* Instant navigation turns every link into a full address, so CSS alone
   cannot tell a link to another site from one to this site. Just before
   printing, mark the links that leave the site; print.css prints their
   address. (Not on every page view: readers on screen do not need it.) */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    if (link.hostname && link.hostname !== window.location.hostname) {
      link.classList.add("guide-external");
    }
  });
});
