// solieu's page script: small conveniences only; every page works without it.
// A facet choice applies at once (no need to press Search); the two province facets exclude each other.
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => {
    const form = select.form;
    if (select.name === 'province' || select.name === 'current') {
      const other = form.elements.namedItem(select.name === 'province' ? 'current' : 'province');
      if (other && select.value) other.value = '';
    }
    form.requestSubmit();
  });
}
// Ctrl+Enter in the claim box checks the claim.
const claim = document.querySelector('form.claim textarea');
if (claim) {
  claim.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) claim.form.requestSubmit();
  });
}
// Bring the cited sentence into view on a passage page.
const cited = document.querySelector('#passage-text mark.sentence');
if (cited) cited.scrollIntoView({ block: 'center' });
