//! The public names each module ormsh provides has in Python (Flask 3.1,
//! Flask-SQLAlchemy 3.1, SQLAlchemy 2.0, Werkzeug 3.1, Python 3.11's
//! standard library), read from `dir(module)`: a name listed here and
//! missing in ormsh is a `NotImplementedError` naming it, any other an
//! `AttributeError` (or `ImportError` for `from … import`). Also the
//! top-level modules of Python's standard library, which are never the
//! person's own app module. Data only, generated once with the reference.

/// (module, its public names separated by spaces, sorted).
pub const PYTHON_NAMES: &[(&str, &str)] = &[
    (
        "flask",
        "Blueprint Config Flask Request Response abort after_this_request annotations app \
         appcontext_popped appcontext_pushed appcontext_tearing_down before_render_template \
         blueprints cli config copy_current_request_context ctx current_app flash g \
         get_flashed_messages get_template_attribute globals got_request_exception \
         has_app_context has_request_context helpers json jsonify logging make_response \
         message_flashed redirect render_template render_template_string request \
         request_finished request_started request_tearing_down sansio send_file \
         send_from_directory session sessions signals stream_template stream_template_string \
         stream_with_context t template_rendered templating typing url_for wrappers",
    ),
    (
        "flask_sqlalchemy",
        "SQLAlchemy annotations extension model pagination query session t table",
    ),
    (
        "sqlalchemy",
        "ARRAY AdaptedConnection AggregateOrderBy Alias AliasedReturnsRows Any AssertionPool \
         AsyncAdaptedQueuePool BIGINT BINARY BLANK_SCHEMA BLOB BOOLEAN BaseDDLElement BaseRow \
         BigInteger BinaryExpression BindParameter BindTyping Boolean BooleanClauseList CHAR \
         CLOB CTE CacheKey Case Cast CheckConstraint CheckFirst ChunkedIteratorResult \
         ClauseElement ClauseList CollectionAggregate Column ColumnClause ColumnCollection \
         ColumnDefault ColumnElement ColumnExpressionArgument ColumnOperators Compiled \
         CompoundSelect Computed Connection Constraint CreateEnginePlugin CreateTable \
         CreateTableAs CreateView CursorResult DATE DATETIME DDL DDLElement DECIMAL DOUBLE \
         DOUBLE_PRECISION Date DateTime DefaultClause Delete Dialect Double DropTable \
         DropView Engine Enum ExceptionContext Executable ExecutableDDLElement \
         ExecutionContext Exists Extract FLOAT False_ FetchedValue Float ForeignKey \
         ForeignKeyConstraint ForeignKeyTarget FrameClause FrameClauseType FromClause \
         FromGrouping FrozenResult Function FunctionElement FunctionFilter GenerativeSelect \
         Grouping HasCTE HasPrefixes HasSuffixes INT INTEGER Identity Index Insert Inspector \
         Integer Interval IteratorResult JSON Join LABEL_STYLE_DEFAULT \
         LABEL_STYLE_DISAMBIGUATE_ONLY LABEL_STYLE_NONE LABEL_STYLE_TABLENAME_PLUS_COL Label \
         LambdaElement LargeBinary Lateral MappingResult MergedResult MetaData NCHAR NUMERIC \
         NVARCHAR Named NestedTransaction NotNullable Null NullPool Nullable Numeric \
         NumericCommon Operators OrderByList Over PickleType Pool PoolProxiedConnection \
         PoolResetState PrimaryKeyConstraint QueuePool REAL ReleaseSavepointClause Result \
         ResultProxy ReturnsRows RollbackToSavepointClause RootTransaction Row RowMapping \
         SMALLINT SQLColumnExpression SavepointClause ScalarResult ScalarSelect Select \
         SelectBase SelectLabelStyle Selectable Sequence SingletonThreadPool SmallInteger \
         StatementLambdaElement StaticPool String Subquery TEXT TIME TIMESTAMP TString Table \
         TableClause TableSample TableValuedAlias TableValuedColumn Text TextAsFrom \
         TextClause TextualSelect Time Transaction True_ TryCast Tuple TupleType \
         TwoPhaseTransaction TypeClause TypeCoerce TypeCompiler TypeDecorator TypedColumns \
         URL UUID UnaryExpression Unicode UnicodeText UniqueConstraint Update UpdateBase Uuid \
         VARBINARY VARCHAR Values ValuesBase Visitable WithinGroup aggregate_order_by alias \
         all_ and_ annotations any_ asc between bindparam bitwise_not case cast collate \
         column create_engine create_mock_engine create_pool_from_url cte custom_op delete \
         desc dialects distinct engine engine_from_config event exc except_ except_all exists \
         extract false from_dml_column func funcfilter future insert insert_sentinel inspect \
         inspection intersect intersect_all join label lambda_stmt lateral literal \
         literal_column log make_url modifier not_ null nulls_first nulls_last nullsfirst \
         nullslast or_ orm outerjoin outparam over pool quoted_name result_tuple schema \
         select sql table tablesample text true try_cast tstring tuple_ type_coerce types \
         union union_all update util values within_group",
    ),
    (
        "sqlalchemy.dialects",
        "Any Callable Optional TYPE_CHECKING Type annotations plugins registry postgresql sqlite util",
    ),
    (
        "sqlalchemy.dialects.postgresql",
        "ARRAY AbstractMultiRange AbstractRange AbstractSingleRange All Any BIGINT BIT BOOLEAN \
         BYTEA BitString CHAR CIDR CITEXT CreateDomainType CreateEnumType DATE DATEMULTIRANGE \
         DATERANGE DOMAIN DOUBLE_PRECISION DropDomainType DropEnumType ENUM ExcludeConstraint \
         FLOAT HSTORE INET INT4MULTIRANGE INT4RANGE INT8MULTIRANGE INT8RANGE INTEGER INTERVAL \
         Insert JSON JSONB JSONPATH MACADDR MACADDR8 MONEY ModuleType MultiRange NUMERIC \
         NUMMULTIRANGE NUMRANGE NamedType OID REAL REGCLASS REGCONFIG Range SMALLINT TEXT TIME \
         TIMESTAMP TSMULTIRANGE TSQUERY TSRANGE TSTZMULTIRANGE TSTZRANGE TSVECTOR UUID VARCHAR \
         aggregate_order_by array array_agg arraylib asyncpg base bitstring dialect \
         distinct_on dml ext hstore insert json named_types operators pg8000 pg_catalog \
         phraseto_tsquery plainto_tsquery psycopg psycopg2 psycopg2cffi psycopg_async ranges \
         to_tsquery to_tsvector ts_headline types websearch_to_tsquery",
    ),
    (
        "sqlalchemy.dialects.sqlite",
        "BLOB BOOLEAN CHAR DATE DATETIME DECIMAL FLOAT INTEGER Insert JSON JSONB NUMERIC REAL \
         SMALLINT TEXT TIME TIMESTAMP VARCHAR aiosqlite base dialect dml insert json \
         pysqlcipher pysqlite",
    ),
    (
        "sqlalchemy.ext",
        "associationproxy automap declarative hybrid",
    ),
    (
        "sqlalchemy.ext.declarative",
        "AbstractConcreteBase ConcreteBase DeclarativeMeta DeferredReflection as_declarative \
         declarative_base declared_attr extensions has_inherited_table synonym_for util",
    ),
    (
        "sqlalchemy.ext.associationproxy",
        "AbstractSet AliasedAssociationProxyInstance AmbiguousAssociationProxyInstance Any \
         AssociationProxy AssociationProxyExtensionType AssociationProxyInstance Callable \
         Collection ColumnAssociationProxyInstance ColumnElement Dict Generic \
         InspectionAttrExtensionType ItemsView Iterable Iterator KeysView List Literal \
         Mapping MutableMapping MutableSequence MutableSet NoReturn ORMDescriptor \
         ObjectAssociationProxyInstance Optional Protocol SQLORMOperations Self Set \
         SupportsIndex SupportsKeysAndGetItem Tuple Type TypeVar Union ValuesView annotations \
         association_proxy cast collections exc inspect interfaces operator operators or_ orm \
         overload typing util",
    ),
    (
        "sqlalchemy.schema",
        "AddConstraint BLANK_SCHEMA BaseDDLElement CheckConstraint CheckFirst Column \
         ColumnCollectionConstraint ColumnCollectionMixin ColumnDefault Computed Constraint \
         CreateColumn CreateIndex CreateSchema CreateSequence CreateTable CreateTableAs \
         CreateView DDL DDLElement DefaultClause DefaultGenerator DropColumnComment \
         DropConstraint DropConstraintComment DropIndex DropSchema DropSequence DropTable \
         DropTableComment DropView ExecutableDDLElement FetchedValue ForeignKey \
         ForeignKeyConstraint ForeignKeyTarget HasConditionalDDL Identity Index InvokeDDLBase \
         MetaData Named PrimaryKeyConstraint SchemaConst SchemaItem SchemaVisitable \
         SchemaVisitor Sequence SetColumnComment SetConstraintComment SetTableComment Table \
         TypedColumns UniqueConstraint annotations conv insert_sentinel sort_tables \
         sort_tables_and_constraints",
    ),
    (
        "sqlalchemy.types",
        "ARRAY BIGINT BINARY BLOB BOOLEAN BigInteger Boolean CHAR CLOB Concatenable DATE \
         DATETIME DECIMAL DOUBLE DOUBLE_PRECISION Date DateTime Double Enum ExternalType \
         FLOAT Float INT INTEGER Indexable Integer Interval JSON LargeBinary MatchType NCHAR \
         NULLTYPE NUMERIC NVARCHAR NullType Numeric NumericCommon OperatorClass PickleType \
         REAL SMALLINT STRINGTYPE SchemaType SmallInteger String TEXT TIME TIMESTAMP Text \
         Time TupleType TypeDecorator TypeEngine UUID Unicode UnicodeText UserDefinedType \
         Uuid VARBINARY VARCHAR Variant adapt_type annotations to_instance",
    ),
    (
        "sqlalchemy.sql.functions",
        "AggregateOrderBy AnsiFunction Any BinaryExpression BindParameter Cast ClauseList \
         CollectionAggregateFunction ColumnCollection ColumnElement Dict ExecutableStatement \
         Extract FromClause Function FunctionAsBinary FunctionElement FunctionFilter \
         Generative GenericFunction Grouping HasMemoized InternalTraversal List Mapping \
         NamedColumn Optional OrderedSetAgg Over ReadOnlyColumnCollection ReturnTypeFromArgs \
         ReturnTypeFromOptionalArgs ScalarFunctionColumn Select Sequence TYPE_CHECKING \
         TableValueType TableValuedAlias Tuple Type TypeAlias TypeEngine TypeVar Union \
         WithinGroup WriteableColumnCollection aggregate_strings all_ annotation annotations \
         any_ array_agg cast char_length coalesce coercions concat count cube cume_dist \
         current_date current_time current_timestamp current_user datetime decimal dense_rank \
         func grouping_sets is_table_value_type literal_column localtime localtimestamp max \
         min mode modifier next_value now operators overload percent_rank percentile_cont \
         percentile_disc pow random rank register_function roles rollup schema session_user \
         some sqltypes sqlutil sum sysdate type_api user util",
    ),
    (
        "flask_sqlalchemy.pagination",
        "Pagination QueryPagination SelectPagination abort annotations ceil request sa sa_orm \
         t",
    ),
    (
        "flask_sqlalchemy.query",
        "Pagination Query QueryPagination abort annotations sa_exc sa_orm t",
    ),
    (
        "sqlalchemy.ext.automap",
        "AutomapBase automap_base classname_for_table generate_relationship \
         name_for_collection_relationship name_for_scalar_relationship",
    ),
    (
        "sqlalchemy.ext.hybrid",
        "Comparator ExprComparator HybridExtensionType hybrid_method hybrid_property",
    ),
    (
        "sqlalchemy.orm",
        "AliasOption Any AppenderQuery AttributeEventToken AttributeEvents AttributeState \
         Bundle CascadeOptions ClassManager ColumnProperty Composite CompositeProperty \
         DeclarativeBase DeclarativeBaseNoMeta DeclarativeMeta DictBundle DynamicMapped \
         EXT_CONTINUE EXT_SKIP EXT_STOP FromStatement IdentityMap InspectionAttr \
         InspectionAttrExtensionType InspectionAttrInfo InstanceEvents InstanceState \
         InstrumentationEvents InstrumentedAttribute KeyFuncDict Load LoaderCallableStatus \
         LoaderCriteriaOption MANYTOMANY MANYTOONE Mapped MappedAsDataclass \
         MappedClassProtocol MappedCollection MappedColumn MappedSQLExpression Mapper \
         MapperEvents MapperProperty NO_KEY NO_VALUE NotExtension ONETOMANY ORMDescriptor \
         ORMExecuteState PassiveFlag PropComparator Query QueryContext QueryEvents \
         QueryPropertyDescriptor QueryableAttribute RegistryEvents Relationship \
         RelationshipDirection RelationshipProperty SQLORMExpression Session SessionEvents \
         SessionTransaction SessionTransactionOrigin Synonym SynonymProperty TypeResolve \
         UOWTransaction Unmapped UserDefinedOption WriteOnlyCollection WriteOnlyMapped \
         add_mapped_attribute aliased annotations as_declarative as_typed_table \
         attribute_keyed_dict attribute_mapped_collection attributes backref base \
         bulk_persistence class_mapper clear_mappers close_all_sessions clsregistry \
         collections column_keyed_dict column_mapped_collection column_property composite \
         configure_mappers contains_alias contains_eager context create_session decl_api \
         decl_base declarative_base declarative_mixin declared_attr defaultload defer \
         deferred dependency descriptor_props dynamic dynamic_loader evaluator events exc \
         foreign has_inherited_table identity immediateload instrumentation interfaces join \
         joinedload keyfunc_mapping lazyload load_only loading make_transient \
         make_transient_to_detached mapped_as_dataclass mapped_collection mapped_column \
         mapper mapperlib merge_frozen_result merge_result noload object_mapper \
         object_session orm_insert_sentinel outerjoin path_registry persistence \
         polymorphic_union properties query query_expression raiseload reconstructor registry \
         relationship relationships remote scoped_session scoping selectin_polymorphic \
         selectinload session sessionmaker state state_changes strategies strategy_options \
         subqueryload sync synonym synonym_for undefer undefer_group unitofwork \
         unmapped_column unmapped_dataclass util validates was_deleted with_expression \
         with_loader_criteria with_parent with_polymorphic writeonly",
    ),
    (
        "sqlalchemy.exc",
        "AmbiguousColumnError AmbiguousForeignKeysError Any ArgumentError AwaitRequired \
         Base20DeprecationWarning CircularDependencyError CompileError \
         ConstraintColumnNotFoundError DBAPIError DataError DatabaseError DisconnectionError \
         DontWrapMixin DuplicateColumnError EmulatedDBAPIException HasDescriptionCode \
         IdentifierError IllegalStateChangeError IntegrityError InterfaceError InternalError \
         InvalidRequestError InvalidatePoolError LegacyAPIWarning List MissingGreenlet \
         MovedIn20Warning MultipleResultsFound NoDBAPILoaded NoForeignKeysError \
         NoInspectionAvailable NoReferenceError NoReferencedColumnError \
         NoReferencedTableError NoResultFound NoSuchColumnError NoSuchModuleError \
         NoSuchTableError NotSupportedError ObjectNotExecutableError OperationalError \
         Optional PendingRollbackError ProgrammingError ResourceClosedError \
         SADeprecationWarning SAPendingDeprecationWarning SATestSuiteWarning SAWarning \
         SQLAlchemyError StatementError TimeoutError Tuple Type UnboundExecutionError Union \
         UnreflectableTableError UnsupportedCompilationError annotations compat overload \
         typing",
    ),
    (
        "sqlalchemy.sql",
        "Alias Any BaseDDLElement COLLECT_CARTESIAN_PRODUCTS CheckFirst ClauseElement \
         ClauseVisitor ColumnCollection ColumnElement ColumnExpressionArgument CompoundSelect \
         DDL DDLElement Delete Executable ExecutableDDLElement ExecutableStatement \
         FROM_LINTING False_ FromClause Insert Join LABEL_STYLE_DEFAULT \
         LABEL_STYLE_DISAMBIGUATE_ONLY LABEL_STYLE_NONE LABEL_STYLE_TABLENAME_PLUS_COL \
         LambdaElement NO_LINTING NotNullable Nullable SQLColumnExpression Select \
         SelectLabelStyle Selectable StatementLambdaElement Subquery SyntaxExtension TString \
         TYPE_CHECKING TableClause TableSample TableValuedAlias TableValuedColumn TextClause \
         True_ Update Values WARN_LINTING WriteableColumnCollection aggregate_order_by alias \
         all_ and_ annotation any_ asc base between bindparam cache_key case cast coercions \
         collate column compiler crud cte ddl default_comparator delete desc distinct dml \
         elements events except_ except_all exists expression extract false from_dml_column \
         func funcfilter functions insert intersect intersect_all join label lambda_stmt \
         lambdas lateral literal literal_column modifier naming not_ null nulls_first \
         nulls_last nullsfirst nullslast operators or_ outerjoin outparam over quoted_name \
         roles schema select selectable sqltypes table tablesample text traversals true \
         try_cast tstring tuple_ type_api type_coerce union union_all update util values \
         visitors within_group",
    ),
    (
        "sqlalchemy.sql.expression",
        "AggregateOrderBy Alias AliasedReturnsRows BinaryExpression BindParameter \
         BooleanClauseList CTE CacheKey Case Cast ClauseElement ClauseList \
         CollectionAggregate ColumnClause ColumnCollection ColumnElement \
         ColumnExpressionArgument ColumnOperators CompoundSelect DMLTargetCopy Delete \
         Executable ExecutableStatement Exists ExpressionClauseList Extract False_ \
         FrameClause FrameClauseType FromClause FromGrouping Function FunctionElement \
         FunctionFilter GenerativeSelect Grouping HasCTE HasPrefixes HasSuffixes Insert Join \
         LABEL_STYLE_DEFAULT LABEL_STYLE_DISAMBIGUATE_ONLY LABEL_STYLE_NONE \
         LABEL_STYLE_TABLENAME_PLUS_COL Label LambdaElement Lateral Null OperatorClass \
         Operators OrderByList Over ReleaseSavepointClause ReturnsRows \
         RollbackToSavepointClause SQLColumnExpression SavepointClause ScalarSelect \
         ScalarValues Select SelectBase SelectLabelStyle Selectable StatementLambdaElement \
         Subquery TString TableClause TableSample TableValuedAlias TableValuedColumn \
         TextAsFrom TextClause TextualSelect True_ TryCast Tuple TypeClause TypeCoerce \
         UnaryExpression Update UpdateBase Values ValuesBase Visitable WithinGroup \
         WriteableColumnCollection aggregate_order_by alias all_ and_ annotations any_ asc \
         between bindparam bitwise_not case cast collate column cte custom_op delete desc \
         distinct except_ except_all exists extract false from_dml_column func funcfilter \
         insert intersect intersect_all join label lambda_stmt lateral literal literal_column \
         modifier not_ null nulls_first nulls_last nullsfirst nullslast or_ outerjoin \
         outparam over quoted_name select table tablesample text true try_cast tstring tuple_ \
         type_coerce union union_all update values within_group",
    ),
    (
        "datetime",
        "MAXYEAR MINYEAR UTC date datetime datetime_CAPI sys time timedelta timezone tzinfo",
    ),
    (
        "decimal",
        "BasicContext Clamped Context ConversionSyntax Decimal DecimalException DecimalTuple \
         DefaultContext DivisionByZero DivisionImpossible DivisionUndefined ExtendedContext \
         FloatOperation HAVE_CONTEXTVAR HAVE_THREADS Inexact InvalidContext InvalidOperation \
         MAX_EMAX MAX_PREC MIN_EMIN MIN_ETINY Overflow ROUND_05UP ROUND_CEILING ROUND_DOWN \
         ROUND_FLOOR ROUND_HALF_DOWN ROUND_HALF_EVEN ROUND_HALF_UP ROUND_UP Rounded Subnormal \
         Underflow getcontext localcontext setcontext",
    ),
    (
        "enum",
        "CONFORM CONTINUOUS DynamicClassAttribute EJECT Enum EnumCheck EnumMeta EnumType Flag \
         FlagBoundary IntEnum IntFlag KEEP MappingProxyType NAMED_FLAGS ReprEnum STRICT \
         StrEnum UNIQUE auto bin bltns global_enum global_enum_repr global_flag_repr \
         global_str member nonmember pickle_by_enum_name pickle_by_global_name property \
         reduce show_flag_values sys unique verify",
    ),
    (
        "typing",
        "ABCMeta AbstractSet Annotated Any AnyStr AsyncContextManager AsyncGenerator \
         AsyncIterable AsyncIterator Awaitable BinaryIO ByteString CT_co Callable ChainMap \
         ClassVar Collection Concatenate Container ContextManager Coroutine Counter \
         DefaultDict Deque Dict EXCLUDED_ATTRIBUTES Final ForwardRef FrozenSet Generator \
         Generic GenericAlias Hashable IO ItemsView Iterable Iterator KT KeysView List \
         Literal LiteralString Mapping MappingView Match MethodDescriptorType \
         MethodWrapperType MutableMapping MutableSequence MutableSet NamedTuple \
         NamedTupleMeta Never NewType NoReturn NotRequired Optional OrderedDict ParamSpec \
         ParamSpecArgs ParamSpecKwargs Pattern Protocol Required Reversible Self Sequence Set \
         Sized SupportsAbs SupportsBytes SupportsComplex SupportsFloat SupportsIndex \
         SupportsInt SupportsRound T TYPE_CHECKING T_co T_contra Text TextIO Tuple Type \
         TypeAlias TypeGuard TypeVar TypeVarTuple TypedDict Union Unpack VT VT_co V_co \
         ValuesView WrapperDescriptorType abstractmethod assert_never assert_type cast \
         clear_overloads collections contextlib dataclass_transform defaultdict final \
         functools get_args get_origin get_overloads get_type_hints io is_typeddict \
         no_type_check no_type_check_decorator operator overload re reveal_type \
         runtime_checkable stdlib_re sys types warnings",
    ),
    (
        "uuid",
        "Enum NAMESPACE_DNS NAMESPACE_OID NAMESPACE_URL NAMESPACE_X500 RESERVED_FUTURE \
         RESERVED_MICROSOFT RESERVED_NCS RFC_4122 SafeUUID UUID bytes_ getnode int_ os \
         platform sys uuid1 uuid3 uuid4 uuid5",
    ),
    (
        "werkzeug",
        "Client Request Response datastructures exceptions formparser http local routing \
         run_simple sansio security serving test urls user_agent utils wrappers wsgi",
    ),
    (
        "werkzeug.security",
        "DEFAULT_PBKDF2_ITERATIONS SALT_CHARS annotations check_password_hash gen_salt \
         generate_password_hash hashlib hmac os posixpath safe_join secrets",
    ),
    (
        "hashlib",
        "algorithms_available algorithms_guaranteed blake2b blake2s file_digest md5 new \
         pbkdf2_hmac scrypt sha1 sha224 sha256 sha384 sha3_224 sha3_256 sha3_384 sha3_512 \
         sha512 shake_128 shake_256",
    ),
    (
        "os",
        "CLD_CONTINUED CLD_DUMPED CLD_EXITED CLD_KILLED CLD_STOPPED CLD_TRAPPED DirEntry \
         EFD_CLOEXEC EFD_NONBLOCK EFD_SEMAPHORE EX_CANTCREAT EX_CONFIG EX_DATAERR EX_IOERR \
         EX_NOHOST EX_NOINPUT EX_NOPERM EX_NOUSER EX_OK EX_OSERR EX_OSFILE EX_PROTOCOL \
         EX_SOFTWARE EX_TEMPFAIL EX_UNAVAILABLE EX_USAGE F_LOCK F_OK F_TEST F_TLOCK F_ULOCK \
         GRND_NONBLOCK GRND_RANDOM GenericAlias MFD_ALLOW_SEALING MFD_CLOEXEC MFD_HUGETLB \
         MFD_HUGE_16GB MFD_HUGE_16MB MFD_HUGE_1GB MFD_HUGE_1MB MFD_HUGE_256MB MFD_HUGE_2GB \
         MFD_HUGE_2MB MFD_HUGE_32MB MFD_HUGE_512KB MFD_HUGE_512MB MFD_HUGE_64KB MFD_HUGE_8MB \
         MFD_HUGE_MASK MFD_HUGE_SHIFT Mapping MutableMapping NGROUPS_MAX O_ACCMODE O_APPEND \
         O_ASYNC O_CLOEXEC O_CREAT O_DIRECT O_DIRECTORY O_DSYNC O_EXCL O_FSYNC O_LARGEFILE \
         O_NDELAY O_NOATIME O_NOCTTY O_NOFOLLOW O_NONBLOCK O_PATH O_RDONLY O_RDWR O_RSYNC \
         O_SYNC O_TMPFILE O_TRUNC O_WRONLY POSIX_FADV_DONTNEED POSIX_FADV_NOREUSE \
         POSIX_FADV_NORMAL POSIX_FADV_RANDOM POSIX_FADV_SEQUENTIAL POSIX_FADV_WILLNEED \
         POSIX_SPAWN_CLOSE POSIX_SPAWN_DUP2 POSIX_SPAWN_OPEN PRIO_PGRP PRIO_PROCESS PRIO_USER \
         P_ALL P_NOWAIT P_NOWAITO P_PGID P_PID P_PIDFD P_WAIT PathLike RTLD_DEEPBIND \
         RTLD_GLOBAL RTLD_LAZY RTLD_LOCAL RTLD_NODELETE RTLD_NOLOAD RTLD_NOW RWF_APPEND \
         RWF_DSYNC RWF_HIPRI RWF_NOWAIT RWF_SYNC R_OK SCHED_BATCH SCHED_FIFO SCHED_IDLE \
         SCHED_OTHER SCHED_RESET_ON_FORK SCHED_RR SEEK_CUR SEEK_DATA SEEK_END SEEK_HOLE \
         SEEK_SET SPLICE_F_MORE SPLICE_F_MOVE SPLICE_F_NONBLOCK ST_APPEND ST_MANDLOCK \
         ST_NOATIME ST_NODEV ST_NODIRATIME ST_NOEXEC ST_NOSUID ST_RDONLY ST_RELATIME \
         ST_SYNCHRONOUS ST_WRITE TMP_MAX WCONTINUED WCOREDUMP WEXITED WEXITSTATUS WIFCONTINUED \
         WIFEXITED WIFSIGNALED WIFSTOPPED WNOHANG WNOWAIT WSTOPPED WSTOPSIG WTERMSIG WUNTRACED \
         W_OK XATTR_CREATE XATTR_REPLACE XATTR_SIZE_MAX X_OK abc abort access altsep chdir \
         chmod chown chroot close closerange confstr confstr_names copy_file_range cpu_count \
         ctermid curdir defpath device_encoding devnull dup dup2 environ environb error eventfd \
         eventfd_read eventfd_write execl execle execlp execlpe execv execve execvp execvpe \
         extsep fchdir fchmod fchown fdatasync fdopen fork forkpty fpathconf fsdecode fsencode \
         fspath fstat fstatvfs fsync ftruncate fwalk get_blocking get_exec_path get_inheritable \
         get_terminal_size getcwd getcwdb getegid getenv getenvb geteuid getgid getgrouplist \
         getgroups getloadavg getlogin getpgid getpgrp getpid getppid getpriority getrandom \
         getresgid getresuid getsid getuid getxattr initgroups isatty kill killpg lchown \
         linesep link listdir listxattr lockf login_tty lseek lstat major makedev makedirs \
         memfd_create minor mkdir mkfifo mknod name nice open openpty pardir path pathconf \
         pathconf_names pathsep pidfd_open pipe pipe2 popen posix_fadvise posix_fallocate \
         posix_spawn posix_spawnp pread preadv putenv pwrite pwritev read readlink readv \
         register_at_fork remove removedirs removexattr rename renames replace rmdir scandir \
         sched_get_priority_max sched_get_priority_min sched_getaffinity sched_getparam \
         sched_getscheduler sched_param sched_rr_get_interval sched_setaffinity sched_setparam \
         sched_setscheduler sched_yield sendfile sep set_blocking set_inheritable setegid \
         seteuid setgid setgroups setpgid setpgrp setpriority setregid setresgid setresuid \
         setreuid setsid setuid setxattr spawnl spawnle spawnlp spawnlpe spawnv spawnve spawnvp \
         spawnvpe splice st stat stat_result statvfs statvfs_result strerror \
         supports_bytes_environ supports_dir_fd supports_effective_ids supports_fd \
         supports_follow_symlinks symlink sync sys sysconf sysconf_names system tcgetpgrp \
         tcsetpgrp terminal_size times times_result truncate ttyname umask uname uname_result \
         unlink unsetenv urandom utime wait wait3 wait4 waitid waitid_result waitpid \
         waitstatus_to_exitcode walk write writev",
    ),
    (
        "os.path",
        "abspath altsep basename commonpath commonprefix curdir defpath devnull dirname exists \
         expanduser expandvars extsep genericpath getatime getctime getmtime getsize isabs \
         isdir isfile islink ismount join lexists normcase normpath os pardir pathsep realpath \
         relpath samefile sameopenfile samestat sep split splitdrive splitext stat \
         supports_unicode_filenames sys",
    ),
    (
        "json",
        "JSONDecodeError JSONDecoder JSONEncoder codecs decoder detect_encoding dump dumps \
         encoder load loads scanner",
    ),
    (
        "flask_login",
        "AUTH_HEADER_NAME AnonymousUserMixin COOKIE_DURATION COOKIE_HTTPONLY COOKIE_NAME \
         COOKIE_SECURE FlaskLoginClient ID_ATTRIBUTE LOGIN_MESSAGE LOGIN_MESSAGE_CATEGORY \
         LoginManager REFRESH_MESSAGE REFRESH_MESSAGE_CATEGORY UserMixin confirm_login \
         current_user decode_cookie encode_cookie fresh_login_required login_fresh \
         login_required login_url login_user logout_user make_next_param session_protected \
         set_login_view user_accessed user_loaded_from_cookie user_loaded_from_header \
         user_loaded_from_request user_logged_in user_logged_out user_login_confirmed \
         user_needs_refresh user_unauthorized",
    ),
    (
        "sqlalchemy.event",
        "Events api attr base contains legacy listen listens_for registry remove",
    ),
    (
        "functools",
        "GenericAlias RLock WRAPPER_ASSIGNMENTS WRAPPER_UPDATES cache cached_property \
         cmp_to_key get_cache_token lru_cache namedtuple partial partialmethod recursive_repr \
         reduce singledispatch singledispatchmethod total_ordering update_wrapper wraps",
    ),
    (
        "zoneinfo",
        "InvalidTZPathError TZPATH ZoneInfo ZoneInfoNotFoundError available_timezones reset_tzpath",
    ),
];

/// `sys.stdlib_module_names` (Python 3.11), sorted, space-separated.
pub const STDLIB: &str = "abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop \
     base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd \
     code codecs codeop collections colorsys compileall concurrent configparser \
     contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm \
     decimal difflib dis distutils doctest email encodings ensurepip enum errno \
     faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc \
     genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html \
     http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json \
     keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes \
     mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath \
     nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle \
     pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile \
     pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re \
     readline reprlib resource rlcompleter runpy sched secrets select selectors shelve \
     shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 \
     sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct \
     subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile \
     termios textwrap this threading time timeit tkinter token tokenize tomllib trace \
     traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib \
     uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml \
     xmlrpc zipapp zipfile zipimport zlib zoneinfo";
