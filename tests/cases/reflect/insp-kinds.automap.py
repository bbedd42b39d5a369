P = lambda v: print(repr(v))
i = db.inspect(db.engine)
P((i.get_table_names()))
P((i.get_view_definition('note_v')))
P((i.get_view_definition('country_stats')))
for t in ['country', 'city', 'item', 'chk', 'strict_norowid', 'note_v']:
    P(i.get_table_options(t))
for t in ['item', 'chk', 'country', 'note_v']:
    P(i.get_check_constraints(t))
s = i.get_sorted_table_and_fkc_names()
P((s[:-1]))
P((s[-1][0], sorted(s[-1][1], key=str)))
P((i.get_temp_table_names()))
P((i.get_temp_view_names()))
P((i.get_schema_names()))
P((i.default_schema_name))
P((i.has_schema('main'), i.has_schema('other')))
P((i.get_multi_check_constraints()))
P((sorted(i.get_multi_table_options().items())))
P((i.get_multi_foreign_keys()[(None, 'city')]))
P((i.get_multi_pk_constraint()[(None, 'strict_norowid')]))
P((len(i.get_multi_columns()), len(i.get_multi_indexes()), len(i.get_multi_unique_constraints())))
for name in ['country', 'nope']:
    try:
        i.get_view_definition(name)
    except Exception as e:
        print(type(e).__name__, e)
for f in [i.get_check_constraints, i.get_table_options]:
    try:
        f('nope')
    except Exception as e:
        print(type(e).__name__, e)
try:
    i.get_table_comment('country')
except NotImplementedError as e:
    print('NotImplementedError')
