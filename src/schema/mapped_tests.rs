//! The annotations SQLAlchemy's declarative scan reads, as a table.

use super::*;
use crate::syntax::parse_chunk;

fn ann(src: &str) -> Result<Annotation> {
    let stmts = parse_chunk(src).expect("parses");
    let StmtKind::Expr(e) = &stmts[0].kind else {
        panic!("an expression")
    };
    read(e, "A", "x")
}

fn col(ty: ColumnType, optional: bool) -> Annotation {
    Annotation {
        container: Container::Mapped,
        optional,
        inner: Inner::Type(ty),
    }
}

#[test]
fn types_and_nullability() {
    let table: &[(&str, Annotation)] = &[
        ("Mapped[int]", col(ColumnType::Integer, false)),
        ("Mapped[str]", col(ColumnType::String(None), false)),
        ("Mapped[Optional[str]]", col(ColumnType::String(None), true)),
        (
            "Mapped[typing.Optional[bool]]",
            col(ColumnType::Boolean, true),
        ),
        ("Mapped[datetime | None]", col(ColumnType::DateTime, true)),
        ("Mapped[None | datetime.date]", col(ColumnType::Date, true)),
        ("Mapped[Union[int, None]]", col(ColumnType::Integer, true)),
        ("Mapped[float]", col(ColumnType::Numeric(DOUBLE), false)),
        (
            "Mapped[Decimal]",
            col(ColumnType::Numeric(NumericType::PLAIN), false),
        ),
        ("Mapped[bytes]", col(ColumnType::LargeBinary, false)),
        ("Mapped[uuid.UUID]", col(ColumnType::Uuid, false)),
        ("Mapped[timedelta]", col(ColumnType::Interval, false)),
        ("Mapped['int']", col(ColumnType::Integer, false)),
        ("'Mapped[Optional[int]]'", col(ColumnType::Integer, true)),
    ];
    for (src, want) in table {
        assert_eq!(&ann(src).unwrap(), want, "{src}");
    }
}

#[test]
fn classes_and_collections() {
    let a = ann("Mapped[List['Post']]").unwrap();
    assert_eq!(a.inner, Inner::List(Rc::from("Post")));
    let a = ann("Mapped[list[Post]]").unwrap();
    assert_eq!(a.inner, Inner::List(Rc::from("Post")));
    let a = ann("Mapped[Optional['User']]").unwrap();
    assert_eq!(
        (a.inner, a.optional),
        (Inner::Class(Rc::from("User")), true)
    );
    let a = ann("DynamicMapped['Post']").unwrap();
    assert_eq!(a.container, Container::Dynamic);
    let a = ann("Mapped[dict[str, int]]");
    assert!(a.is_err());
    let a = ann("Mapped[os.path]").unwrap();
    assert_eq!(a.inner, Inner::Other("os.path".into()));
}

#[test]
fn not_mapped() {
    for src in ["int", "Optional[int]", "'int'", "List[int]"] {
        let e = ann(src).unwrap_err();
        assert_eq!(e.kind, ErrorKind::MappedAnnotationError, "{src}");
    }
    let e = ann("Mapped[Annotated[int, 5]]").unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotImplementedError);
}
