// The QR code's signed fields travel in this page's URL fragment, which a browser never sends to the
// server: post them to /verify/paper, which shows them beside the signature's verdict and the status.
(function () {
  var jws = location.hash.slice(1);
  var form = document.getElementById('paper-form');
  if (!form || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) return;
  document.getElementById('qr').value = location.href;
  history.replaceState(null, '', location.pathname); // the fields leave the address bar and the history
  form.submit();
})();
