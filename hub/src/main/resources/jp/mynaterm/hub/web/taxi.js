// The booking form's "use my location": fills the pick-up address's position from the browser's
// geolocation, so a resident booking from home need not look up coordinates. Browsers offer it only on
// https (or localhost) and after the resident allows it; the button stays hidden where it cannot work.
'use strict';
const button = document.getElementById('use-location');
if (button && navigator.geolocation && window.isSecureContext) {
  const status = document.getElementById('location-status');
  button.hidden = false;
  button.addEventListener('click', () => {
    status.textContent = '位置を調べています… / Finding your location…';
    navigator.geolocation.getCurrentPosition(pos => {
      document.getElementById('pickup-lat').value = pos.coords.latitude.toFixed(5);
      document.getElementById('pickup-lon').value = pos.coords.longitude.toFixed(5);
      status.textContent = '現在地を入れました / Your location is filled in';
    }, () => {
      status.textContent = '現在地がわかりませんでした。停留所を選ぶか、位置を入れてください / Your location is not available: choose a stop or type the position';
    }, {enableHighAccuracy: true, timeout: 15000});
  });
}
