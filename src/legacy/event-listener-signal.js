// The `signal` option of addEventListener, for the legacy bundle only (plugin-legacy's
// additionalLegacyPolyfills, after abortcontroller-polyfill). Browsers before Chrome 90, Safari 15
// and Firefox 86 ignore the option, so a listener the edition removes by aborting its signal would
// stay; and a browser that knows the option rejects a polyfilled AbortSignal. Where either is the
// case, the listener is added without the option and removed when the signal aborts.
// Plain ES5: the polyfills chunk is not compiled for older browsers.
(function () {
  var proto = typeof EventTarget === 'function' ? EventTarget.prototype : null;
  if (!proto || typeof document === 'undefined') return;
  var add = proto.addEventListener;
  var remove = proto.removeEventListener;

  var nativeSignal =
    typeof AbortSignal === 'function' && /\[native code\]/.test(Function.prototype.toString.call(AbortSignal));
  var understood = false;
  try {
    var probe = Object.defineProperty({}, 'signal', {
      get: function () {
        understood = true;
        return undefined;
      },
    });
    var noop = function () {};
    add.call(document, 'ne-signal-probe', noop, probe);
    remove.call(document, 'ne-signal-probe', noop, probe);
  } catch (e) {
    understood = false;
  }
  if (understood && nativeSignal) return;

  proto.addEventListener = function (type, listener, options) {
    var signal = options !== null && typeof options === 'object' ? options.signal : undefined;
    if (!signal) return add.call(this, type, listener, options);
    if (signal.aborted) return undefined;
    var rest = {};
    for (var key in options) if (key !== 'signal') rest[key] = options[key];
    var target = this;
    add.call(target, type, listener, rest);
    signal.addEventListener('abort', function () {
      remove.call(target, type, listener, rest);
    });
    return undefined;
  };
})();
