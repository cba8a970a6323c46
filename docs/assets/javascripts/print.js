/* Printing: the handout's "Print" button, and folded sections opened on paper.
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
