#!/usr/bin/env python3
"""What the scorer's losses are due to: sections boto3 cut as "too large to render", the
other limits of the docs (see README.md, "What the docs cannot give"), or the generator.

A scoring script (it reads botocore's JSON, as the scorer does; the generator never does).
Run by `cargo xtask corpus --score`; by hand:

    limits.py EXPORT_DIR DOCS_DIR --scorer shared/tools/score_model.py [--truth DIR] [--examples N]

EXPORT_DIR is `cargo xtask export-model`'s output for DOCS_DIR. Per figure it prints the
truth count, what was lost by cause, the rate, and the rate over what the pages show (without
the sections cut as too large). A loss is put down to a cut section when the client page's
section is the "too large" stub and no other page of the operation gives it (the paginator
page for a response, the waiter page for a request: the generator's fallbacks).
"""
import argparse, importlib.util, os, re, sys
from collections import Counter, defaultdict

HEAD = re.compile(r'^\s*\*\*(Request Syntax|Parameters|Response Syntax|Response Structure)\*\*\s*$')
LINK = re.compile(r'goto/WebAPI/[^/]+/([A-Za-z0-9]+)>')
STUB = 'This section is too large to render'


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('score_model', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def service_models(sm, export_dir, truth_dir):
    """(service, truth model, truth paginators, export model, export paginators) for every
    exported service botocore has, in name order."""
    for svc in sorted(os.listdir(export_dir)):
        tm, tp = sm.load_model(os.path.join(truth_dir, svc))
        em, ep = sm.load_model(os.path.join(export_dir, svc))
        if tm is not None and em is not None:
            yield svc, tm, tp, em, ep


def stubs(docs, svc):
    """{(operation, page kind): {stubbed section, …}} for one service's pages."""
    out = defaultdict(set)
    for kind in ('client', 'paginator', 'waiter'):
        d = os.path.join(docs, svc, kind)
        if not os.path.isdir(d):
            continue
        for f in os.listdir(d):
            if not f.endswith('.rst'):
                continue
            with open(os.path.join(d, f), encoding='utf-8') as fh:
                text = fh.read()
            if STUB not in text:
                continue
            m = LINK.search(text)
            op, section = (m.group(1) if m else f[:-4]), None
            for line in text.split('\n'):
                h = HEAD.match(line)
                if h:
                    section = h.group(1)
                elif STUB in line and section:
                    out[op, kind].add(section)
    return out


def cut(st, docs, svc, op, side):
    """'syntax' or 'fields' when that part of the side is cut on every page giving it."""
    syntax, fields = (('Request Syntax', 'Parameters') if side == 'input' else ('Response Syntax', 'Response Structure'))
    fallback = 'waiter' if side == 'input' else 'paginator'
    def other_page_has(section):
        if fallback == 'waiter':  # waiter pages are named by waiter, not operation: the generator
            return False          # falls back to them, but none of the corpus's cut requests has one
        return os.path.isfile(os.path.join(docs, svc, fallback, op + '.rst')) and section not in st.get((op, fallback), ())
    client = st.get((op, 'client'), ())
    if syntax in client and not other_page_has(syntax):
        return 'syntax'
    if fields in client and not other_page_has(fields):
        return 'fields'
    return None


def recursion_point(truth, path, fact):
    """The truth walk stopped here: the shape is already on the path (boto3's docs stop too)."""
    for i, c in enumerate(path):
        if c in '.[{' and i:
            anc = truth.get(path[:i])
            if anc is not None and anc.shape == fact.shape:
                return True
    return False


CAUSES = {
    'syntax': 'section cut as too large (names and types gone)',
    'fields': 'field list cut as too large (docs and [REQUIRED] gone)',
    'rec-required': '[REQUIRED] is not shown on recursive bullets',
    'rec-map': 'a recursive map reads like a structure',
    'rec-list': 'a recursive list without its field list',
    'policy': 'iam policy documents lose [REQUIRED]',
    'other': 'not explained: a generator defect',
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('export_dir')
    ap.add_argument('docs_dir')
    ap.add_argument('--scorer', required=True)
    ap.add_argument('--truth')
    ap.add_argument('--examples', type=int, default=5)
    a = ap.parse_args(argv)
    sm = load_scorer(a.scorer)
    truth_dir = a.truth or sm.default_truth()
    n, lost, ex = Counter(), defaultdict(Counter), defaultdict(list)
    pag_n, pag_bad = 0, Counter()

    def count(fig, ok, why, item):
        n[fig] += 1
        if not ok:
            lost[fig][why] += 1
            if len(ex[fig, why]) < a.examples:
                ex[fig, why].append(item)

    for svc, tm, tp, em, ep in service_models(sm, a.export_dir, truth_dir):
        st = stubs(a.docs_dir, svc)
        t_ops = {o: v for o, v in tm.get('operations', {}).items() if (svc, o) not in sm.DOCS_HIDDEN_OPS}
        for o in sorted(set(t_ops) & set(em.get('operations', {}))):
            for side in ('input', 'output'):
                truth, exp = sm.walk(tm, o, side), sm.walk(em, o, side)
                sm.docs_view(svc, o, side, truth, exp)
                why = cut(st, a.docs_dir, svc, o, side)
                for p, tf in truth.items():
                    ef = exp.get(p)
                    item = f'{svc} {p}'
                    rec = recursion_point(truth, p, tf)
                    count('paths', ef is not None, why or 'other', item)
                    if tf.doc:
                        count('docs', bool(ef and ef.doc), why or 'other', item)
                    if ef is None:
                        continue
                    if tf.type is not None:
                        w = why or ('rec-map' if rec and tf.type == 'map' else
                                    'rec-list' if rec and tf.type == 'list' and ef.type == 'structure' else 'other')
                        count('types', tf.type == ef.type, w, f'{item}: {tf.type} vs {ef.type}')
                    if tf.req is not None:
                        w = why or ('rec-required' if rec else 'policy' if (svc, tf.shape) == ('iam', 'policyDocumentType') else 'other')
                        count('required', tf.req == bool(ef.req), w, item)
        for o, p in tp.items():
            if (svc, o) in sm.DOCS_HIDDEN_OPS:
                continue
            pag_n += 1
            e = ep.get(o)
            if e is None:
                pag_bad['missing'] += 1
                continue
            for f in sm.PAG_FIELDS:
                if sm.as_list(p.get(f)) != sm.as_list(e.get(f)):
                    pag_bad[f] += 1
    print(f"{'figure':9} {'truth':>9} {'lost':>8} {'rate':>8} {'shown':>8}  lost by cause")
    for fig in ('paths', 'types', 'required', 'docs'):
        total, bad = n[fig], sum(lost[fig].values())
        cut_away = lost[fig]['syntax'] + lost[fig]['fields']
        shown = 100 * (total - bad) / (total - cut_away) if total > cut_away else 100.0
        causes = ', '.join(f'{k} {v}' for k, v in lost[fig].most_common())
        print(f'{fig:9} {total:9} {bad:8} {100 * (total - bad) / total:7.3f}% {shown:7.3f}%  {causes}')
    print(f"paginators {pag_n} (missing or wrong field, a paginator may count twice): "
          + ', '.join(f'{k} {v}' for k, v in pag_bad.most_common()))
    print('\ncauses:')
    for k, v in CAUSES.items():
        print(f'  {k:13} {v}')
    if a.examples:
        print('\nexamples:')
        for (fig, why), items in sorted(ex.items()):
            for item in items:
                print(f'  {fig:9} {why:13} {item}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
