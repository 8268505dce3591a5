/*
 * The admin's check-in screen: send the typed or scanned code without reloading, show the
 * answer at once, and read QR codes from the device camera where the browser has the
 * BarcodeDetector API. Without JavaScript the form posts and the page shows the answer.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-check-in]");
  if (!root) return;
  var form = root.querySelector("[data-check-in-form]");
  var input = form.querySelector("input[name=code]");
  var result = root.querySelector("[data-check-in-result]");
  var attended = root.querySelector("[data-attended]");
  var cameraButton = root.querySelector("[data-check-in-camera]");
  var video = root.querySelector("[data-check-in-video]");
  var busy = false;
  var lastCode = "";
  var lastAt = 0;

  function show(data) {
    result.textContent = "";
    var p = document.createElement("p");
    p.className = "help-block " + (data.ok ? "help-info" : "help-critical");
    p.setAttribute("data-outcome", data.outcome);
    var strong = document.createElement("strong");
    strong.textContent = data.message;
    p.appendChild(strong);
    if (data.name) p.appendChild(document.createTextNode(" " + data.name + " · " + data.ticket));
    result.appendChild(p);
    if (data.ok && attended) attended.textContent = String(parseInt(attended.textContent, 10) + 1);
  }

  function send(code) {
    if (busy || !code) return;
    busy = true;
    var body = new FormData(form);
    body.set("code", code);
    fetch(window.location.href, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function () { show({ ok: false, outcome: "error", message: "Network error: try again." }); })
      .finally(function () {
        busy = false;
        input.value = "";
        input.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value.trim());
  });
  input.focus();

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  cameraButton.hidden = false;
  cameraButton.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      function scan() {
        detector.detect(video).then(function (codes) {
          var now = Date.now();
          if (codes.length) {
            var code = codes[0].rawValue;
            // The same code stays in view for a while: send it once per three seconds.
            if (code !== lastCode || now - lastAt > 3000) {
              lastCode = code;
              lastAt = now;
              send(code);
            }
          }
          window.requestAnimationFrame(scan);
        }).catch(function () { window.requestAnimationFrame(scan); });
      }
      scan();
    });
  });
})();
