P = lambda v: print(repr(v))
i = db.inspect(db.engine)
_v = (i.get_table_names())
if _v is not None: print(repr(_v))
_v = (i.get_view_definition('note_v'))
if _v is not None: print(repr(_v))
_v = (i.get_view_definition('country_stats'))
if _v is not None: print(repr(_v))
for t in ['country', 'city', 'item', 'chk', 'strict_norowid', 'note_v']:
    P(i.get_table_options(t))
for t in ['item', 'chk', 'country', 'note_v']:
    P(i.get_check_constraints(t))
s = i.get_sorted_table_and_fkc_names()
_v = (s[:-1])
if _v is not None: print(repr(_v))
_v = (s[-1][0], sorted(s[-1][1], key=str))
if _v is not None: print(repr(_v))
_v = (i.get_temp_table_names())
if _v is not None: print(repr(_v))
_v = (i.get_temp_view_names())
if _v is not None: print(repr(_v))
_v = (i.get_schema_names())
if _v is not None: print(repr(_v))
_v = (i.default_schema_name)
if _v is not None: print(repr(_v))
_v = (i.has_schema('main'), i.has_schema('other'))
if _v is not None: print(repr(_v))
_v = (i.get_multi_check_constraints())
if _v is not None: print(repr(_v))
_v = (sorted(i.get_multi_table_options().items()))
if _v is not None: print(repr(_v))
_v = (i.get_multi_foreign_keys()[(None, 'city')])
if _v is not None: print(repr(_v))
_v = (i.get_multi_pk_constraint()[(None, 'strict_norowid')])
if _v is not None: print(repr(_v))
_v = (len(i.get_multi_columns()), len(i.get_multi_indexes()), len(i.get_multi_unique_constraints()))
if _v is not None: print(repr(_v))
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
_v = (i.has_index('city', 'city_pop'), i.has_index('item', 'city_pop'))
if _v is not None: print(repr(_v))
try:
    print(i.has_index('nope', 'x'))
except Exception as e:
    print(type(e).__name__, e)
