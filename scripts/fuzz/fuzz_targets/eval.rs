//! Parse and evaluate arbitrary scripts against a fresh in-memory session
//! that already has a few related models: no panic, no hang, bounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ormsh::app::App;
use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::session::Session;

const MODELS: &str = "
model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), unique=True)
    posts = db.relationship('Post', backref='category', cascade='all, delete-orphan')
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    score = db.Column(db.Float, default=0.0)
    when = db.Column(db.DateTime)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
>
db.create_all()
db.session.add(Category(name='a', posts=[Post(title='x'), Post(title='y')]))
db.session.commit()
";

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else { return };
    // An unbounded recursive query is a real infinite loop, not a bug.
    if script.len() > 4096 || script.to_ascii_lowercase().contains("recursive") {
        return;
    }
    let Ok(engine) = Engine::open(None, false) else { return };
    let interp = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let mut app = App::new(interp, Box::new(std::io::sink()));
    app.run_script(MODELS, "<models>", false, false);
    app.interp.step_budget = Some(200_000);
    app.run_script(script, "<fuzz>", true, false);
});
