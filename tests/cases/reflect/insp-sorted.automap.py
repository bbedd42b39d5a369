i = db.inspect(db.engine)
print(repr(i.get_sorted_table_and_fkc_names()))
