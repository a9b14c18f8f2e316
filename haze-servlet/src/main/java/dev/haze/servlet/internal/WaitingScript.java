package dev.haze.servlet.internal;

/**
 * The one script the filter serves, inline on the cross-device waiting page and allowed there by its
 * SHA-256 in the CSP ({@link Pages#CSP_WITH_POLLING}). It polls the status path named in
 * {@code data-haze-status} about every 2 s, slowing down gradually (by 1.1 after each answer, by 2 after a
 * network error, to at most every 15 s). It never waits past the expiry given in
 * {@code data-haze-expires-in} (seconds) plus one second: that last poll starts after the request expired,
 * so an approval given in the request's last seconds (which stays redeemable for a while, see
 * {@link dev.haze.CrossDeviceSignIn#REDEMPTION_WINDOW}) is still picked up, and then the script stops. When
 * an answer carries {@code next} (this browser is now signed in) it goes there; for any other final state,
 * or after the last poll, it opens the status path as a page, which explains the outcome. Without
 * JavaScript the page's "I've opened the link" button does the same. The script is a constant: nothing
 * from the request is ever put into it.
 */
final class WaitingScript {
    /** The script's source, exactly as served (its hash is in the CSP). */
    static final String SOURCE = "(function(){"
            + "var m=document.querySelector('main[data-haze-status]');if(!m||!window.fetch){return;}"
            + "var url=m.getAttribute('data-haze-status');"
            + "var end=Date.now()+1000*Number(m.getAttribute('data-haze-expires-in'));var delay=2000;"
            + "function show(){window.location.assign(url);}"
            + "function later(factor){delay=Math.min(delay*factor,15000);"
            + "setTimeout(poll,Math.max(0,Math.min(delay,end+1000-Date.now())));}"
            + "function poll(){var last=Date.now()>=end;"
            + "fetch(url,{headers:{'Accept':'application/json'},credentials:'same-origin',"
            + "cache:'no-store'}).then(function(r){return r.json();}).then(function(s){"
            + "if(s.next){window.location.assign(s.next);}else if(s.state==='pending'&&!last){later(1.1);}"
            + "else{show();}},function(){if(last){show();}else{later(2);}});}"
            + "later(1);})();";

    private WaitingScript() {
    }
}
